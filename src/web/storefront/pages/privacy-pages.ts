/** The privacy page (consent choices, data download, account deletion link) and the delete page. */
import { html } from '../../html.ts';
import { type MessageKey, t } from '../../i18n/index.ts';
import { csrfField, type PageContext, renderPage } from '../../layout/page-shell.ts';

function choiceKey(ctx: PageContext): MessageKey {
  const c = ctx.consent;
  if (!c) return 'privacy.choice.none';
  if (c.personalisation) return c.analytics ? 'privacy.choice.all' : 'privacy.choice.personalisation';
  return c.analytics ? 'privacy.choice.analytics' : 'privacy.choice.necessary';
}

/** GET /privacy: the consent form (works without JavaScript) and, signed in, export and delete. */
export function renderPrivacyPage(ctx: PageContext, saved: boolean): string {
  const { locale } = ctx;
  const checked = (on: boolean | undefined) => (on ? html`checked` : '');
  const main = html`<h1>${t(locale, 'privacy.title')}</h1>
    ${saved && html`<p class="notice notice-ok" role="status">${t(locale, 'privacy.saved')}</p>`}
    <p>${t(locale, 'privacy.intro')}</p>
    <p><a href="/interests" data-testid="interests-link">${t(locale, 'interests.privacyPageLink')}</a></p>
    <p data-testid="consent-current">${t(locale, 'privacy.current', { choice: t(locale, choiceKey(ctx)) })}</p>
    <form class="panel" method="post" action="/consent" data-testid="privacy-form">
      ${csrfField(ctx)}
      <input type="hidden" name="returnTo" value="/privacy?saved=1">
      <input type="hidden" name="choice" value="custom">
      <fieldset><legend>${t(locale, 'privacy.title')}</legend>
        <label class="check"><input type="checkbox" name="personalisation" value="1" ${checked(ctx.consent?.personalisation)} data-testid="consent-personalisation-box"> ${t(locale, 'privacy.personalisation')}</label>
        <label class="check"><input type="checkbox" name="analytics" value="1" ${checked(ctx.consent?.analytics)} data-testid="consent-analytics-box"> ${t(locale, 'privacy.analytics')}</label>
      </fieldset>
      <button class="button" type="submit" data-testid="save-privacy">${t(locale, 'privacy.save')}</button>
    </form>
    <h2>${t(locale, 'privacy.yourData')}</h2>
    ${
      ctx.isSignedIn
        ? html`<p>${t(locale, 'privacy.exportText')}</p>
      <p><a class="button button-secondary" href="/store/account/export" download data-testid="export-data">${t(locale, 'privacy.export')}</a></p>
      <p>${t(locale, 'privacy.deleteText')}</p>
      <p><a href="/account/delete" data-testid="delete-account-link">${t(locale, 'privacy.deleteLink')}</a></p>`
        : html`<p><a href="/login?next=%2Fprivacy">${t(locale, 'privacy.signInForData')}</a></p>`
    }`;
  // Public and worth finding (what a shop does with data); the signed-in parts are never cached.
  return renderPage(ctx, { title: `${t(locale, 'privacy.title')} · Lantern 灯笼`, main });
}

/** GET /account/delete: the confirmation form (password, or a recent sign-in for code accounts). */
export function renderDeleteAccountPage(ctx: PageContext, error?: string): string {
  const { locale } = ctx;
  const main = html`<h1>${t(locale, 'privacy.deleteTitle')}</h1>
    ${error && html`<p class="notice" role="alert" data-testid="delete-error">${error}</p>`}
    <p>${t(locale, 'privacy.deleteWarning')}</p>
    <form class="panel" method="post" action="/account/delete" data-testid="delete-account-form">
      ${csrfField(ctx)}
      <div class="field"><label for="delete-password">${t(locale, 'privacy.password')}</label>
        <input id="delete-password" type="password" name="password" autocomplete="current-password" aria-describedby="delete-password-hint">
        <p id="delete-password-hint" class="hint">${t(locale, 'privacy.passwordHint')}</p></div>
      <label class="check"><input type="checkbox" name="confirm" value="1" required> ${t(locale, 'privacy.confirm')}</label>
      <button class="button" type="submit" data-testid="delete-account">${t(locale, 'privacy.deleteSubmit')}</button>
    </form>`;
  return renderPage(ctx, {
    title: `${t(locale, 'privacy.deleteTitle')} · Lantern 灯笼`,
    noindex: true,
    main,
  });
}

/** After deletion: a plain confirmation. */
export function renderAccountDeletedPage(ctx: PageContext): string {
  const { locale } = ctx;
  const main = html`<h1>${t(locale, 'privacy.deleted')}</h1><p><a href="/">${t(locale, 'nav.home')}</a></p>`;
  return renderPage(ctx, { title: `${t(locale, 'privacy.deleted')} · Lantern 灯笼`, noindex: true, main });
}
