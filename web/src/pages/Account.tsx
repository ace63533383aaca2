/** Register, log in, log out. Errors from the server appear next to the field they concern. */
import { useState } from 'preact/hooks';
import { WebLoginDocument, WebLogoutDocument, WebRegisterDocument } from '../gql/graphql.js';
import { mutation } from '../lib/api.js';
import { session, signIn, signOutLocally, signOutNotice } from '../lib/session.js';
import { useStore } from '../lib/store.js';
import { byField, Field, navigate, newKey, Notice, type FieldErrors } from '../lib/ui.js';

const afterLogin = () => {
  const target = sessionStorage.getItem('defense-allies.after-login');
  sessionStorage.removeItem('defense-allies.after-login');
  navigate(target && target !== '#/account' ? target : '#/');
};

/** Logs in; returns field errors and a message when it did not work. */
const logIn = async (login: string, password: string): Promise<{ fields: FieldErrors; message: string | null }> => {
  const { data, error } = await mutation(WebLoginDocument, { input: { login, password } });
  const result = data?.authenticateUser;
  if (!result) return { fields: {}, message: error ?? 'No answer from the server' };
  if (result.__typename === 'AuthenticateUserSuccess') {
    signIn(result.user, { accessToken: result.accessToken, refreshToken: result.refreshToken, expiresAt: result.expiresAt, sessionId: result.session.id });
    afterLogin();
    return { fields: {}, message: null };
  }
  if (result.__typename === 'ValidationError') return { fields: byField(result.fieldErrors), message: result.message };
  if (result.__typename === 'RateLimitedError') return { fields: {}, message: `${result.message} Try again in ${result.retryAfterSeconds} s.` };
  // Wrong login or password: the server does not say which, and neither do we.
  return { fields: { password: result.message }, message: null };
};

function LoginForm() {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [fields, setFields] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const outcome = await logIn(login.trim(), password);
    setBusy(false);
    setFields(outcome.fields);
    setMessage(outcome.message);
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="login-title" data-testid="login-form">
      <h2 id="login-title">Log in</h2>
      <Field id="login-login" label="Username or email" error={fields.login}>
        {(aria) => <input {...aria} name="login" autoComplete="username" required value={login} onInput={(e) => setLogin(e.currentTarget.value)} />}
      </Field>
      <Field id="login-password" label="Password" error={fields.password}>
        {(aria) => <input {...aria} name="password" type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />}
      </Field>
      {message ? <Notice kind="error">{message}</Notice> : null}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Logging in…' : 'Log in'}
      </button>
    </form>
  );
}

function RegisterForm() {
  const [values, setValues] = useState({ username: '', email: '', password: '' });
  const [fields, setFields] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey, setKey] = useState(newKey);
  const set = (name: keyof typeof values) => (e: { currentTarget: HTMLInputElement }) => setValues({ ...values, [name]: e.currentTarget.value });
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    const { data, error } = await mutation(WebRegisterDocument, { input: { ...values, username: values.username.trim(), email: values.email.trim(), idempotencyKey } });
    const result = data?.registerUser;
    if (result?.__typename === 'RegisterUserSuccess') {
      const outcome = await logIn(values.username.trim(), values.password);
      setBusy(false);
      setFields(outcome.fields);
      setMessage(outcome.message);
      return;
    }
    setBusy(false);
    setKey(newKey());
    if (!result) setMessage(error ?? 'No answer from the server');
    else if (result.__typename === 'ValidationError') {
      setFields(byField(result.fieldErrors));
      setMessage(result.fieldErrors.length ? null : result.message);
    } else if (result.__typename === 'ConflictError' || result.__typename === 'DomainError') {
      // Taken username or email: say it next to the field the message names.
      const field = /email/i.test(result.message) ? 'email' : 'username';
      setFields({ [field]: result.message });
      setMessage(null);
    } else if (result.__typename === 'RateLimitedError') setMessage(`${result.message} Try again in ${result.retryAfterSeconds} s.`);
    else setMessage(result.message);
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="register-title" data-testid="register-form">
      <h2 id="register-title">New here? Register</h2>
      <Field id="register-username" label="Username" error={fields.username}>
        {(aria) => <input {...aria} name="username" autoComplete="username" value={values.username} onInput={set('username')} />}
      </Field>
      <Field id="register-email" label="Email" error={fields.email}>
        {(aria) => <input {...aria} name="email" type="email" autoComplete="email" value={values.email} onInput={set('email')} />}
      </Field>
      <Field id="register-password" label="Password (at least 8 characters)" error={fields.password}>
        {(aria) => <input {...aria} name="password" type="password" autoComplete="new-password" value={values.password} onInput={set('password')} />}
      </Field>
      {message ? <Notice kind="error">{message}</Notice> : null}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Registering…' : 'Register and play'}
      </button>
    </form>
  );
}

export function AccountPage() {
  const current = useStore(session);
  const notice = useStore(signOutNotice);
  return (
    <section class="account" aria-labelledby="account-title">
      <h1 id="account-title">{current ? `Signed in as ${current.viewer.username}` : 'Defend together'}</h1>
      {notice ? (
        <Notice kind="error" testId="signed-out-notice">
          {notice}
        </Notice>
      ) : null}
      {current ? (
        <p>
          <a href="#/">Go to the lobby</a>
        </p>
      ) : (
        <div class="columns">
          <LoginForm />
          <RegisterForm />
        </div>
      )}
    </section>
  );
}

export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  const signOut = async () => {
    setBusy(true);
    // Ends the session on the server (its refresh token stops working), then here.
    await mutation(WebLogoutDocument, {}).catch(() => undefined);
    setBusy(false);
    signOutLocally('You have logged out.');
  };
  return (
    <button type="button" class="link" onClick={() => void signOut()} disabled={busy}>
      Log out
    </button>
  );
}
