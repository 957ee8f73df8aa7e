import { Alert, Button, type ButtonProps, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError, type FieldError } from './api';
import { useI18n } from './i18n';

/** `lines[0].quantity` → `['lines', 0, 'quantity']` (an antd name path). */
export function fieldPath(field: string): (string | number)[] {
  return field
    .split(/\.|\[|\]/)
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts the API's `errors[].field` messages onto the form's fields (every message of a field, when the API
 * names it more than once); answers those it could not place.
 */
export function applyFieldErrors(
  form: FormInstance,
  errors: FieldError[] | undefined,
  mapField: (field: string) => (string | number)[] | undefined = fieldPath,
): FieldError[] {
  const unplaced: FieldError[] = [];
  const placed = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const e of errors ?? []) {
    const name = mapField(e.field);
    if (name && (form.getFieldInstance(name) !== undefined || hasValueAt(form, name))) {
      const key = JSON.stringify(name);
      const field = placed.get(key) ?? { name, errors: [] };
      field.errors.push(e.message);
      placed.set(key, field);
    } else unplaced.push(e);
  }
  if (placed.size > 0) form.setFields([...placed.values()]);
  return unplaced;
}

function hasValueAt(form: FormInstance, name: (string | number)[]): boolean {
  try {
    return form.getFieldValue(name) !== undefined;
  } catch {
    return false;
  }
}

/**
 * The problem shown above a form: 412 explained (with a button to reload what the form was based on,
 * when `onReload` is given), 403 named, the rest with the API's detail and code.
 */
export function ProblemAlert({
  error,
  unplaced,
  onReload,
}: {
  error: unknown;
  unplaced?: FieldError[];
  onReload?: () => Promise<void> | void;
}) {
  const { t } = useI18n();
  const [reloading, setReloading] = useState(false);
  if (!error) return null;
  if (error instanceof ApiError && error.status === 412) {
    return (
      <Alert
        type="warning"
        showIcon
        message={t('form.staleTitle')}
        description={t(onReload ? 'form.stale' : 'form.staleReloaded')}
        data-testid="stale-alert"
        style={{ marginBottom: 12 }}
        action={
          onReload && (
            <Button
              size="small"
              loading={reloading}
              data-testid="stale-reload"
              onClick={async () => {
                setReloading(true);
                try {
                  await onReload();
                } finally {
                  setReloading(false);
                }
              }}
            >
              {t('form.reloadForm')}
            </Button>
          )
        }
      />
    );
  }
  const title = error instanceof ApiError && error.status === 403 ? t('error.forbidden') : t('error.title');
  const detail = error instanceof ApiError ? (error.problem.detail ?? error.problem.title) : String(error);
  const code = error instanceof ApiError ? error.problem.code : undefined;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="problem-alert"
      style={{ marginBottom: 12 }}
      message={`${title}${code ? ` (${code})` : ''}`}
      description={
        <>
          <div>{detail}</div>
          {unplaced?.map((e, i) => (
            <div key={`${i}:${e.field}`}>
              <code>{e.field}</code>: {e.message}
            </div>
          ))}
        </>
      }
    />
  );
}

interface CommandModalProps<V> {
  title: string;
  open: boolean;
  onClose(): void;
  /** Sends the command; its errors are shown on the fields the API names. */
  onSubmit(values: V): Promise<unknown>;
  /** After success (invalidate, navigate...). */
  onDone?(result: unknown): void;
  /** On 412: refresh what the command was based on (the page behind the form). */
  onStale?(): void;
  /** On 412: offered as a button; shows the form again on the current state (e.g. by remounting it). */
  onReload?(): Promise<void> | void;
  initialValues?: Partial<V>;
  mapField?(field: string): (string | number)[] | undefined;
  children: ReactNode;
  width?: number;
  form?: FormInstance<V>;
  testId?: string;
}

/** A modal form that sends one command: every submit gets its own Idempotency-Key (see `api.command`). */
export function CommandModal<V extends object>(props: CommandModalProps<V>) {
  const { t } = useI18n();
  const [own] = Form.useForm<V>();
  const form = props.form ?? own;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<FieldError[]>([]);

  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    setUnplaced([]);
    try {
      const result = await props.onSubmit(values);
      props.onDone?.(result);
      props.onClose();
      form.resetFields();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        if (e.status === 412) props.onStale?.();
        setUnplaced(applyFieldErrors(form, e.problem.errors, props.mapField));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={props.title}
      open={props.open}
      onCancel={() => {
        setError(null);
        props.onClose();
      }}
      onOk={() => void submit()}
      okText={t('form.submit')}
      cancelText={t('form.cancel')}
      confirmLoading={busy}
      width={props.width ?? 560}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'modal-submit' } as ButtonProps}
      data-testid={props.testId}
    >
      <ProblemAlert error={error} unplaced={unplaced} onReload={props.onReload} />
      <Form form={form} layout="vertical" size="small" initialValues={props.initialValues} preserve={false}>
        {props.children}
      </Form>
    </Modal>
  );
}
