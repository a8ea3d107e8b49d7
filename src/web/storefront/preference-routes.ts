/**
 * POST /preferences: language, theme and density from any page (the header language switch, the
 * footer form, the account page). Works without JavaScript: it saves and redirects back.
 */
import type { FastifyInstance } from 'fastify';
import { safeLocalPath } from '../../app/safe-redirect.ts';
import { updatePreferences } from '../../modules/customers/index.ts';
import { toLocale } from '../i18n/index.ts';
import { preferencesOf, setPreferencesCookie, toDensity, toTheme } from '../layout/preferences.ts';
import { formFields } from './form-input.ts';

/** Drops a one-page `lang=` override so the saved choice shows after the redirect. */
function withoutLangParam(path: string): string {
  const url = new URL(path, 'https://lantern.invalid');
  url.searchParams.delete('lang');
  return url.pathname + url.search + url.hash;
}

/** Registers the preferences form handler. */
export async function preferenceRoutes(app: FastifyInstance) {
  app.post('/preferences', { schema: { hide: true } }, async (request, reply) => {
    const fields = formFields(request);
    const current = preferencesOf(request);
    const prefs = {
      locale: fields.locale ? toLocale(fields.locale) : current.locale,
      theme: fields.theme ? toTheme(fields.theme) : current.theme,
      density: fields.density ? toDensity(fields.density) : current.density,
    };
    setPreferencesCookie(request, reply, prefs);
    const customerId = request.shopperSession?.customerId;
    if (customerId) await updatePreferences(app.deps.sql, customerId, prefs);
    return reply
      .header('cache-control', 'private, no-store')
      .redirect(safeLocalPath(withoutLangParam(safeLocalPath(fields.returnTo))), 303);
  });
}
