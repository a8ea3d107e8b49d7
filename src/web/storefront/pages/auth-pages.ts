/** Sign in (email + password, or phone + one-time code) and registration. */
import { html, type SafeHtml } from '../../html.ts';
import { t } from '../../i18n/index.ts';
import { csrfField, type PageContext, renderPage } from '../../layout/page-shell.ts';
import { inputField } from '../components/form-field.ts';

export interface LoginPageState {
  email?: string;
  phone?: string;
  /** A code was requested for `phone`: show the code field. */
  codeSent?: boolean;
  error?: string;
  /** Each failed field's translated problem (`email`, `phone`, `code`). */
  fieldErrors?: Record<string, string>;
  /** Where to go after signing in (a same-site path). */
  next?: string;
}

function nextField(next: string | undefined): SafeHtml | null {
  return next ? html`<input type="hidden" name="next" value="${next}">` : null;
}

/** The login page with both methods. */
export function renderLoginPage(ctx: PageContext, state: LoginPageState): string {
  const { locale } = ctx;
  const errors = state.fieldErrors ?? {};
  const main = html`<div class="auth">
    <h1>${t(locale, 'auth.login')}</h1>
    ${state.error && html`<p class="notice" role="alert" data-testid="login-error">${state.error}</p>`}
    <form class="panel" method="post" action="/login" data-testid="password-login">
      <h2>${t(locale, 'auth.withPassword')}</h2>
      ${csrfField(ctx)}${nextField(state.next)}
      ${inputField({ id: 'login-email', name: 'email', label: t(locale, 'auth.email'), type: 'email', autocomplete: 'username', value: state.email ?? '', error: errors.email })}
      ${inputField({ id: 'login-password', name: 'password', label: t(locale, 'auth.password'), type: 'password', autocomplete: 'current-password', error: errors.password })}
      <button class="button button-block" type="submit" data-testid="login-submit">${t(locale, 'auth.login')}</button>
    </form>
    ${renderCodeLogin(ctx, state)}
    <p>${t(locale, 'auth.noAccount')} <a href="/register">${t(locale, 'auth.register')}</a></p>
  </div>`;
  return renderPage(ctx, { title: `${t(locale, 'auth.login')} · Lantern 灯笼`, noindex: true, main });
}

/** Phone-code sign-in, or a plain sentence when this shop cannot send SMS. */
function renderCodeLogin(ctx: PageContext, state: LoginPageState): SafeHtml {
  const { locale } = ctx;
  const errors = state.fieldErrors ?? {};
  if (!ctx.canSendSms)
    return html`<section class="panel" aria-labelledby="code-login">
      <h2 id="code-login">${t(locale, 'auth.withCode')}</h2>
      <p class="notice" data-testid="code-login-unavailable">${t(locale, 'auth.codeUnavailable')}</p>
    </section>`;
  return html`<section class="panel" aria-labelledby="code-login">
      <h2 id="code-login">${t(locale, 'auth.withCode')}</h2>
      <form method="post" action="/login/code/request" data-testid="request-code">
        ${csrfField(ctx)}${nextField(state.next)}
        ${inputField({ id: 'login-phone', name: 'phone', label: t(locale, 'auth.phone'), type: 'tel', autocomplete: 'tel', inputmode: 'tel', value: state.phone ?? '', error: errors.phone })}
        <button class="button button-secondary button-block" type="submit">${t(locale, 'auth.sendCode')}</button>
      </form>
      ${
        state.codeSent &&
        html`<p class="notice notice-ok" role="status">${t(locale, 'auth.codeSent')}</p>
        <form method="post" action="/login/code" data-testid="code-login-form">
          ${csrfField(ctx)}${nextField(state.next)}
          <input type="hidden" name="phone" value="${state.phone ?? ''}">
          ${inputField({ id: 'login-code', name: 'code', label: t(locale, 'auth.code'), inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6, error: errors.code })}
          <button class="button button-block" type="submit" data-testid="code-submit">${t(locale, 'auth.login')}</button>
        </form>`
      }
    </section>`;
}

/** The registration page (a plain sentence instead of the form when this shop cannot send email). */
export function renderRegisterPage(
  ctx: PageContext,
  state: { name?: string; email?: string; error?: string; fieldErrors?: Record<string, string> } = {},
): string {
  const { locale } = ctx;
  if (!ctx.canSendEmail) {
    const main = html`<div class="auth">
    <h1>${t(locale, 'auth.register')}</h1>
    <p class="notice" data-testid="register-unavailable">${t(locale, 'auth.registerUnavailable')}</p>
    <p>${t(locale, 'auth.haveAccount')} <a href="/login">${t(locale, 'auth.login')}</a></p>
  </div>`;
    return renderPage(ctx, { title: `${t(locale, 'auth.register')} · Lantern 灯笼`, noindex: true, main });
  }
  const errors = state.fieldErrors ?? {};
  const main = html`<div class="auth">
    <h1>${t(locale, 'auth.register')}</h1>
    ${state.error && html`<p class="notice" role="alert" data-testid="register-error">${state.error}</p>`}
    <form class="panel" method="post" action="/register" data-testid="register-form">
      ${csrfField(ctx)}
      ${inputField({ id: 'reg-name', name: 'name', label: t(locale, 'auth.name'), autocomplete: 'name', value: state.name ?? '', error: errors.name })}
      ${inputField({ id: 'reg-email', name: 'email', label: t(locale, 'auth.email'), type: 'email', autocomplete: 'email', value: state.email ?? '', error: errors.email })}
      ${inputField({ id: 'reg-password', name: 'password', label: t(locale, 'auth.password'), type: 'password', autocomplete: 'new-password', minlength: 8, hint: t(locale, 'auth.passwordHint'), error: errors.password })}
      <button class="button button-block" type="submit" data-testid="register-submit">${t(locale, 'auth.register')}</button>
    </form>
    <p>${t(locale, 'auth.haveAccount')} <a href="/login">${t(locale, 'auth.login')}</a></p>
  </div>`;
  return renderPage(ctx, { title: `${t(locale, 'auth.register')} · Lantern 灯笼`, noindex: true, main });
}

/** After registering: the same page for a new address and for one that already has an account. */
export function renderCheckEmailPage(ctx: PageContext): string {
  const { locale } = ctx;
  const main = html`<div class="auth" data-testid="register-check-email">
    <h1>${t(locale, 'auth.checkEmailTitle')}</h1>
    <p class="notice notice-ok" role="status">${t(locale, 'auth.checkEmail')}</p>
    <p><a href="/login">${t(locale, 'auth.login')}</a></p>
  </div>`;
  return renderPage(ctx, {
    title: `${t(locale, 'auth.checkEmailTitle')} · Lantern 灯笼`,
    noindex: true,
    main,
  });
}

/** The page the emailed link opens: one button that finishes the account (a POST, never the GET). */
export function renderConfirmRegistrationPage(
  ctx: PageContext,
  state: { token: string; error?: string },
): string {
  const { locale } = ctx;
  const main = html`<div class="auth">
    <h1>${t(locale, 'auth.confirmTitle')}</h1>
    ${state.error && html`<p class="notice" role="alert" data-testid="confirm-error">${state.error}</p>`}
    ${
      state.token &&
      html`<form class="panel" method="post" action="/register/confirm" data-testid="confirm-registration">
      ${csrfField(ctx)}
      <input type="hidden" name="token" value="${state.token}">
      <p>${t(locale, 'auth.confirmText')}</p>
      <button class="button button-block" type="submit" data-testid="confirm-submit">${t(locale, 'auth.confirmSubmit')}</button>
    </form>`
    }
    <p><a href="/register">${t(locale, 'auth.register')}</a> · <a href="/login">${t(locale, 'auth.login')}</a></p>
  </div>`;
  return renderPage(ctx, { title: `${t(locale, 'auth.confirmTitle')} · Lantern 灯笼`, noindex: true, main });
}
