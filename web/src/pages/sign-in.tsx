/**
 * サインイン / 新規登録, with a live strength meter (POST /api/auth/password-strength, debounced),
 * the second step (TOTP code or a recovery code) when the server asks for it, and
 * 「パスキーでサインイン」 (POST /api/auth/passkey/options → the browser → /verify). Every form is
 * checked first with the schema the server parses the same body with (src/accounts/schemas.ts).
 */
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { secondFactorBodySchema, signInBodySchema, signUpBodySchema } from '../../../src/accounts/schemas.ts';
import { api, type PasswordStrength, resetCsrf, type SignInResult } from '../api.ts';
import { ME_KEY, useMe } from '../auth.ts';
import { ErrorText } from '../components/status.tsx';
import { CodeInput, FieldError, useFieldErrors } from '../form-errors.tsx';
import { browserSupportsWebAuthn, signInWithPasskey } from '../passkeys.ts';

const [totpStepSchema, recoveryStepSchema] = secondFactorBodySchema.options;

function StrengthMeter({ password, email }: { password: string; email: string }) {
  const { t, i18n } = useTranslation();
  const [strength, setStrength] = useState<PasswordStrength | null>(null);
  const id = useId();
  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch in the new language on a switch
  useEffect(() => {
    if (!password) {
      setStrength(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api<PasswordStrength>('/api/auth/password-strength', { json: { password, email: email || undefined } })
        .then((s) => live && setStrength(s))
        .catch(() => live && setStrength(null));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // i18n.language: the feedback sentences come back in the current language.
  }, [password, email, i18n.language]);
  if (!strength) return null;
  const levels = t('auth.strengthLevels', { returnObjects: true }) as string[];
  return (
    <div className="meter" data-score={strength.score}>
      <span id={id}>{t('auth.strength')}</span>
      <meter
        aria-labelledby={id}
        min={0}
        max={4}
        low={2}
        high={3}
        optimum={4}
        value={strength.score}
        aria-valuetext={levels[strength.score]}
      />
      <p className="meter-label" aria-live="polite">
        <strong>{levels[strength.score]}</strong>
        {' — '}
        {strength.acceptable ? t('auth.strengthOk') : t('auth.strengthWeak')}
      </p>
      {(strength.warning || strength.suggestions.length > 0) && (
        <ul className="hints">
          {[strength.warning, ...strength.suggestions].filter(Boolean).map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SecondStep({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const field = useRecovery ? 'recoveryCode' : 'code';
  const form = useFieldErrors({ code: 'second-factor', recoveryCode: 'second-factor' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const body = useRecovery
      ? form.check(recoveryStepSchema, { recoveryCode: value.trim() })
      : form.check(totpStepSchema, { code: value });
    if (!body) return;
    setBusy(true);
    try {
      await api('/api/auth/sign-in/second-factor', { json: body });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="card" aria-labelledby="second-step-title" noValidate>
      <h2 id="second-step-title">{t('auth.secondStepTitle')}</h2>
      <p>{t('auth.secondStepHelp')}</p>
      <label htmlFor="second-factor">{useRecovery ? t('auth.recoveryCode') : t('auth.code')}</label>
      <CodeInput
        id="second-factor"
        field={field}
        value={value}
        onChange={setValue}
        form={form}
        numeric={!useRecovery}
      />
      <ErrorText error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('auth.verify')}
      </button>
      <button
        type="button"
        className="link-button"
        onClick={() => {
          setUseRecovery(!useRecovery);
          setValue('');
          form.setErrors({});
        }}
      >
        {useRecovery ? t('auth.useCode') : t('auth.useRecovery')}
      </button>
    </form>
  );
}

/** 「パスキーでサインイン」, or why this browser cannot offer it. */
function PasskeySignIn({ busy, onClick }: { busy: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  const [supported] = useState(browserSupportsWebAuthn);
  return (
    <div className="or-passkey">
      <p className="or" aria-hidden="true">
        {t('auth.or')}
      </p>
      {supported ? (
        <button type="button" className="secondary" onClick={onClick} disabled={busy}>
          {t('passkey.signIn')}
        </button>
      ) : (
        <p className="muted small">{t('passkey.problem.unsupported')}</p>
      )}
    </div>
  );
}

export function SignInPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as { notice?: string; next?: string };
  const next = state.next === '/lock' ? '/lock' : '/';
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'sign-in' | 'sign-up'>('sign-in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [secondStep, setSecondStep] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useFieldErrors({ email: 'email', password: 'password' });

  if (me.data && !secondStep) return <Navigate to={next} replace />;

  const done = async () => {
    resetCsrf();
    await queryClient.invalidateQueries({ queryKey: ME_KEY });
    await navigate(next);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const body = form.check(mode === 'sign-up' ? signUpBodySchema : signInBodySchema, { email, password });
    if (!body) return;
    setBusy(true);
    try {
      const path = mode === 'sign-up' ? '/api/auth/sign-up' : '/api/auth/sign-in';
      const result = await api<SignInResult>(path, { json: body });
      if (result.status === 'second_factor_required') setSecondStep(true);
      else await done();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const passkey = async () => {
    setBusy(true);
    setError(null);
    form.setErrors({});
    try {
      await signInWithPasskey();
      await done();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (secondStep) return <SecondStep onDone={() => void done()} />;

  const title = mode === 'sign-up' ? t('auth.signUpTitle') : t('auth.signInTitle');
  return (
    <>
      {state.notice && (
        <p className="note" role="status">
          {state.notice}
        </p>
      )}
      {/* noValidate: the shared schema checks the fields and says what is wrong in words. */}
      <form onSubmit={submit} className="card" aria-labelledby="auth-title" noValidate>
        <h1 id="auth-title">{title}</h1>
        <label htmlFor="email">{t('auth.email')}</label>
        <input
          id="email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
            form.clear('email');
          }}
          required
          {...form.inputProps('email')}
        />
        <FieldError field="email" inputId="email" errors={form.errors} />
        <label htmlFor="password">{t('auth.password')}</label>
        <input
          id="password"
          type="password"
          autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            form.clear('password');
          }}
          required
          {...form.inputProps('password')}
        />
        <FieldError field="password" inputId="password" errors={form.errors} />
        {mode === 'sign-up' && <StrengthMeter password={password} email={email} />}
        <ErrorText error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {mode === 'sign-up' ? t('auth.signUp') : t('auth.signIn')}
        </button>
        {mode === 'sign-in' && <PasskeySignIn busy={busy} onClick={() => void passkey()} />}
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setMode(mode === 'sign-up' ? 'sign-in' : 'sign-up');
            setError(null);
            form.setErrors({});
          }}
        >
          {mode === 'sign-up' ? t('auth.toSignIn') : t('auth.toSignUp')}
        </button>
        <p className="muted small">{t('auth.neverAsk')}</p>
      </form>
      <p className="center">
        <Link to="/check">{t('auth.checkWithoutSignIn')}</Link>
      </p>
    </>
  );
}
