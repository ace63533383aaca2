/** Small shared pieces: form fields with their error, notices, routing by hash. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export type FieldErrors = Record<string, string>;

/** `fieldErrors` from a ValidationError, keyed by the input field's last name segment. */
export const byField = (errors: readonly { field: string; message: string }[] | undefined): FieldErrors => {
  const out: FieldErrors = {};
  for (const { field, message } of errors ?? []) {
    const name = field.split('.').pop() ?? field;
    out[name] = out[name] ? `${out[name]} ${message}` : message;
  }
  return out;
};

export function Field(props: {
  id: string;
  label: string;
  error?: string | undefined;
  children: (aria: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ComponentChildren;
}) {
  const errorId = `${props.id}-error`;
  return (
    <div class={`field${props.error ? ' invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children({ id: props.id, 'aria-invalid': !!props.error, ...(props.error ? { 'aria-describedby': errorId } : {}) })}
      {props.error ? (
        <p class="field-error" id={errorId} role="alert">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export function Notice(props: { kind: 'error' | 'info' | 'success'; children: ComponentChildren; testId?: string }) {
  return (
    <p class={`notice ${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'} data-testid={props.testId}>
      {props.children}
    </p>
  );
}

export const navigate = (hash: string) => {
  if (location.hash !== hash) location.hash = hash;
};

export const useHash = (): string => {
  const [hash, setHash] = useState(location.hash || '#/');
  useEffect(() => {
    const update = () => setHash(location.hash || '#/');
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return hash;
};

export const newKey = (): string => crypto.randomUUID();

export const formatTime = (iso: string): string => new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
