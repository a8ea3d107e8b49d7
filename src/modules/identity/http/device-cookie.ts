/** The `lantern_device` cookie: how a browser shows it signed in to an account before. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { KNOWN_DEVICE_DAYS, rememberDevice } from '../known-devices.ts';
import { sessionCookieOptions } from './request-auth.ts';

export const DEVICE_COOKIE = 'lantern_device';

/** The device token this browser sent, if any (the use cases check it). */
export function deviceTokenOf(request: FastifyRequest): string | undefined {
  return request.cookies[DEVICE_COOKIE];
}

/** After a successful sign-in: the device becomes known for `accountId` under a fresh token. */
export async function rememberDeviceOnSignIn(
  request: FastifyRequest,
  reply: FastifyReply,
  accountId: string,
): Promise<void> {
  const token = await rememberDevice(request.server.deps.sql, {
    presentedToken: deviceTokenOf(request),
    accountId,
  });
  reply.setCookie(DEVICE_COOKIE, token, sessionCookieOptions(request, KNOWN_DEVICE_DAYS * 86_400));
  request.cookies[DEVICE_COOKIE] = token;
}
