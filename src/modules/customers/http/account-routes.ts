/** Customer accounts: register, log in (password or phone code), log out, profile, addresses, preferences under /store/account and /store/auth; staff log in under /admin/auth. */
import type { FastifyInstance } from 'fastify';

export async function accountRoutes(_app: FastifyInstance) {}
