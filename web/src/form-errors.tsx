/**
 * Forms validate in the browser with the server's own zod schemas (issue 5: "Forms validate on
 * both sides with the same schema"; DEVELOPERS.md "One schema library"). A schema's issues become
 * field messages from the i18n files (`validation.<field>.<code>`, then `validation.<code>`), so a
 * person reads Japanese or English, never zod's English. Only the schema objects a page passes in
 * reach the bundle: this module imports zod's types, not zod, and the pages that use it are
 * loaded lazily (app.tsx), so zod stays out of the initial JavaScript.
 */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';

export interface FieldIssue {
  /** zod's issue code (`too_big`, `invalid_format`, …), or `required` for an empty field. */
  code: string;
  minimum?: number;
  maximum?: number;
}

/** The first issue of each field, by dotted path (`code`, `monthlyLimit`); `_` is the whole form. */
export type FieldErrors = Partial<Record<string, FieldIssue>>;

const valueAt = (value: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (v, key) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined),
    value,
  );

const isBlank = (v: unknown) => v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * Parses `value` with `schema`: the parsed data (what the server would see), or the field errors.
 * `rootField` names the field when the schema is one field's own (a string schema, say).
 *
 * @example
 * const r = validate(totpCodeBodySchema, { code });
 * if (r.ok) await api('/api/account/unlock', { json: r.data });
 */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  rootField = '_',
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || rootField;
    if (errors[field]) continue;
    const raw = valueAt(value, issue.path);
    errors[field] = {
      code: isBlank(raw) ? 'required' : issue.code,
      ...('minimum' in issue ? { minimum: Number(issue.minimum) } : {}),
      ...('maximum' in issue ? { maximum: Number(issue.maximum) } : {}),
    };
  }
  return { ok: false, errors };
}

/** The message for a field's issue, in the current language. */
export function useFieldMessage() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (field: string, issue: FieldIssue) => {
      const number = (n: number | undefined) =>
        n === undefined ? '' : new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'ja-JP').format(n);
      return t([`validation.${field}.${issue.code}`, `validation.${issue.code}`, 'validation.invalid'], {
        minimum: number(issue.minimum),
        maximum: number(issue.maximum),
      });
    },
    [t, i18n.language],
  );
}

/**
 * Field errors of one form. `check` validates before sending: on failure it shows the messages
 * and moves focus to the first field in error (its element id is `ids[field]`).
 */
export function useFieldErrors(ids: Record<string, string>) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const check = <S extends z.ZodType>(
    schema: S,
    value: unknown,
    rootField?: string,
  ): z.output<S> | undefined => {
    const result = validate(schema, value, rootField);
    if (result.ok) {
      setErrors({});
      return result.data;
    }
    setErrors(result.errors);
    const first = Object.keys(ids).find((field) => result.errors[field]);
    if (first) document.getElementById(ids[first] ?? '')?.focus();
    return undefined;
  };
  /** Props for the input of `field`: aria-invalid and the id of its message. */
  const inputProps = (field: string) => {
    const id = ids[field] ?? field;
    return errors[field]
      ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` }
      : { 'aria-invalid': false as const };
  };
  const clear = (field: string) => {
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };
  return { errors, setErrors, check, inputProps, clear };
}

/** The message under a field (linked to it by `aria-describedby`, see useFieldErrors().inputProps). */
export function FieldError({
  field,
  inputId,
  errors,
}: {
  field: string;
  inputId: string;
  errors: FieldErrors;
}) {
  const message = useFieldMessage();
  const issue = errors[field];
  if (!issue) return null;
  return (
    <p id={`${inputId}-error`} className="field-error">
      {message(field, issue)}
    </p>
  );
}

/**
 * A one-time code field with its message: a TOTP code (digits), or a recovery code with
 * `numeric={false}`. Typing clears the field's message.
 */
export function CodeInput({
  id,
  field = 'code',
  value,
  onChange,
  form,
  numeric = true,
}: {
  id: string;
  field?: string;
  value: string;
  onChange: (value: string) => void;
  form: ReturnType<typeof useFieldErrors>;
  numeric?: boolean;
}) {
  return (
    <>
      <input
        id={id}
        name="code"
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          form.clear(field);
        }}
        inputMode={numeric ? 'numeric' : 'text'}
        autoComplete="one-time-code"
        required
        {...form.inputProps(field)}
      />
      <FieldError field={field} inputId={id} errors={form.errors} />
    </>
  );
}
