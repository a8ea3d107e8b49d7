/**
 * Hooks other modules attach to shopper sign-in and sign-out (cart merges the guest cart; privacy
 * carries the visitor's consent and behaviour key over to the account), so identity, the bottom
 * layer, imports none of them.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from '../sessions.ts';

export interface ShopperSignIn {
  customerId: string;
  /** The session the shopper had before signing in (a guest's, or another account's), if any. */
  previous: Session | null;
}

export type ShopperSignInHook = (
  request: FastifyRequest,
  reply: FastifyReply,
  signIn: ShopperSignIn,
) => Promise<void>;
export type ShopperSignOutHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

const signInHooks = new Set<ShopperSignInHook>();
const signOutHooks = new Set<ShopperSignOutHook>();

/** Runs `hook` after every shopper sign-in (once per function, however often it is added). */
export function onShopperSignIn(hook: ShopperSignInHook): void {
  signInHooks.add(hook);
}

/** Runs `hook` after every shopper sign-out. */
export function onShopperSignOut(hook: ShopperSignOutHook): void {
  signOutHooks.add(hook);
}

/** Runs the sign-in hooks, in the order they were added. */
export async function runSignInHooks(request: FastifyRequest, reply: FastifyReply, signIn: ShopperSignIn) {
  for (const hook of signInHooks) await hook(request, reply, signIn);
}

/** Runs the sign-out hooks, in the order they were added. */
export async function runSignOutHooks(request: FastifyRequest, reply: FastifyReply) {
  for (const hook of signOutHooks) await hook(request, reply);
}
