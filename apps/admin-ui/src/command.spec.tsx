import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { ApiError, type FieldError, type Problem } from './api';
import { applyFieldErrors, CommandModal, fieldPath, ProblemAlert } from './command';
import { I18nProvider } from './i18n';
import { en } from './i18n-en';

const problem = (p: Partial<Problem> & { status: number }) => new ApiError({ title: 'Bad Request', ...p });

function renderEn(ui: React.ReactElement) {
  localStorage.setItem('kamflow.lang', 'en');
  return render(<I18nProvider>{ui}</I18nProvider>);
}

/** The messages shown on the field labelled `label`: antd links them to the input by aria-describedby. */
function fieldErrors(label: string): string[] {
  const input = screen.getByLabelText(label);
  expect(input.closest('.ant-form-item')).not.toBeNull();
  const help = document.getElementById(input.getAttribute('aria-describedby') ?? '');
  return [...(help?.querySelectorAll('.ant-form-item-explain-error') ?? [])].map((e) => e.textContent ?? '');
}

describe('fieldPath', () => {
  it('turns API field paths into antd name paths', () => {
    expect(fieldPath('reason')).toEqual(['reason']);
    expect(fieldPath('data.note')).toEqual(['data', 'note']);
    expect(fieldPath('lines[0].quantity')).toEqual(['lines', 0, 'quantity']);
    expect(fieldPath('lines[12].options[3]')).toEqual(['lines', 12, 'options', 3]);
  });
});

describe('ProblemAlert', () => {
  it('renders nothing without an error', () => {
    const { container } = renderEn(<ProblemAlert error={null} />);
    expect(container.innerHTML).toBe('');
  });

  it('explains a 412 and reloads the form through onReload', async () => {
    let finish!: () => void;
    const onReload = jest.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    renderEn(
      <ProblemAlert error={problem({ status: 412, code: 'REVISION_CONFLICT' })} onReload={onReload} />,
    );

    const alert = screen.getByTestId('stale-alert');
    expect(alert.textContent).toContain(en['form.staleTitle']);
    expect(alert.textContent).toContain(en['form.stale']);
    expect(screen.queryByTestId('problem-alert')).toBeNull();

    const reload = screen.getByTestId('stale-reload');
    expect(reload.textContent).toContain(en['form.reloadForm']);
    await userEvent.click(reload);
    expect(onReload).toHaveBeenCalledTimes(1);
    expect(reload.className).toContain('ant-btn-loading');
    await act(async () => finish());
    await waitFor(() => expect(reload.className).not.toContain('ant-btn-loading'));
  });

  it('says the form was reloaded on a 412 without onReload, and offers no button', () => {
    renderEn(<ProblemAlert error={problem({ status: 412 })} />);
    expect(screen.getByTestId('stale-alert').textContent).toContain(en['form.staleReloaded']);
    expect(screen.queryByTestId('stale-reload')).toBeNull();
  });

  it('names a 403 and shows the code and detail', () => {
    renderEn(
      <ProblemAlert
        error={problem({ status: 403, code: 'AUTH.FORBIDDEN', detail: 'Role CREDIT_CONTROLLER required' })}
      />,
    );
    const alert = screen.getByTestId('problem-alert');
    expect(alert.querySelector('.ant-alert-message')?.textContent).toBe(
      `${en['error.forbidden']} (AUTH.FORBIDDEN)`,
    );
    expect(alert.textContent).toContain('Role CREDIT_CONTROLLER required');
  });

  it('shows other problems with their title when there is no detail, and plain errors as text', () => {
    const { unmount } = renderEn(<ProblemAlert error={problem({ status: 409, title: 'Conflict' })} />);
    const alert = screen.getByTestId('problem-alert');
    expect(alert.querySelector('.ant-alert-message')?.textContent).toBe(en['error.title']);
    expect(alert.textContent).toContain('Conflict');
    unmount();

    renderEn(<ProblemAlert error={new TypeError('Failed to fetch')} />);
    expect(screen.getByTestId('problem-alert').textContent).toContain('TypeError: Failed to fetch');
  });
});

/** A small form that shows an API problem the way CommandModal does. */
function ProblemForm({ error }: { error: ApiError }) {
  const [form] = Form.useForm();
  const [shown, setShown] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<FieldError[]>([]);
  return (
    <>
      <ProblemAlert error={shown} unplaced={unplaced} />
      <Form form={form} initialValues={{ lines: [{ quantity: 1 }, { quantity: 2 }] }}>
        <Form.Item name="reason" label="Reason">
          <Input />
        </Form.Item>
        <Form.List name="lines">
          {(fields) =>
            fields.map((f) => (
              <Form.Item key={f.key} name={[f.name, 'quantity']} label={`Quantity ${f.name}`}>
                <Input />
              </Form.Item>
            ))
          }
        </Form.List>
      </Form>
      <Button
        onClick={() => {
          setShown(error);
          setUnplaced(applyFieldErrors(form, error.problem.errors));
        }}
      >
        fail
      </Button>
    </>
  );
}

describe('field errors of a problem+json', () => {
  const error = problem({
    status: 400,
    code: 'REQUEST.VALIDATION_FAILED',
    detail: 'Invalid request',
    errors: [
      { field: 'reason', message: 'reason must not be empty' },
      { field: 'lines[1].quantity', message: 'quantity must be at least 1' },
      { field: 'customerPo', message: 'customerPo is too long' },
    ],
  });

  it('puts each message on the field of that name and lists the others in the alert', async () => {
    renderEn(<ProblemForm error={error} />);
    expect(fieldErrors('Reason')).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'fail' }));

    await waitFor(() => expect(fieldErrors('Reason')).toEqual(['reason must not be empty']));
    expect(fieldErrors('Quantity 1')).toEqual(['quantity must be at least 1']);
    expect(fieldErrors('Quantity 0')).toEqual([]);

    const alert = screen.getByTestId('problem-alert');
    expect(alert.querySelector('.ant-alert-message')?.textContent).toBe(
      `${en['error.title']} (REQUEST.VALIDATION_FAILED)`,
    );
    expect(alert.textContent).toContain('customerPo: customerPo is too long');
    expect(alert.textContent).not.toContain('reason must not be empty');
    expect(alert.textContent).not.toContain('quantity must be at least 1');
  });

  it('keeps every message when the API names a field twice', async () => {
    const consoleError = jest.spyOn(console, 'error');
    renderEn(
      <ProblemForm
        error={problem({
          status: 400,
          errors: [
            { field: 'reason', message: 'reason must not be empty' },
            { field: 'reason', message: 'reason must be a string' },
            { field: 'po', message: 'po is not allowed' },
            { field: 'po', message: 'po must be shorter' },
          ],
        })}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'fail' }));
    await waitFor(() =>
      expect(fieldErrors('Reason')).toEqual(['reason must not be empty', 'reason must be a string']),
    );
    const alert = screen.getByTestId('problem-alert');
    expect(alert.textContent).toContain('po: po is not allowed');
    expect(alert.textContent).toContain('po: po must be shorter');
    expect(consoleError.mock.calls.filter((c) => String(c[0]).includes('same key'))).toEqual([]);
    consoleError.mockRestore();
  });

  it('lists a field that mapField cannot name', () => {
    const form = { getFieldInstance: jest.fn(), getFieldValue: jest.fn(), setFields: jest.fn() };
    const unplaced = applyFieldErrors(
      form as never,
      [{ field: 'lines[0].options', message: 'unknown option' }],
      () => undefined,
    );
    expect(unplaced).toEqual([{ field: 'lines[0].options', message: 'unknown option' }]);
    expect(form.setFields).not.toHaveBeenCalled();
  });
});

describe('CommandModal', () => {
  function Harness(props: {
    onSubmit: (values: { reason: string }) => Promise<unknown>;
    onDone?: (result: unknown) => void;
    onClose?: () => void;
    onStale?: () => void;
    onReload?: () => void;
  }) {
    const [open, setOpen] = useState(true);
    return (
      <CommandModal<{ reason: string }>
        title="Cancel order"
        open={open}
        onClose={() => {
          props.onClose?.();
          setOpen(false);
        }}
        onSubmit={props.onSubmit}
        onDone={props.onDone}
        onStale={props.onStale}
        onReload={props.onReload}
        initialValues={{ reason: 'customer withdrew' }}
      >
        <Form.Item name="reason" label="Reason">
          <Input />
        </Form.Item>
      </CommandModal>
    );
  }

  it('sends the values, then reports the result and closes', async () => {
    const onSubmit = jest.fn(async () => ({ id: 'o-1', revision: 4 }));
    const onDone = jest.fn();
    const onClose = jest.fn();
    renderEn(<Harness onSubmit={onSubmit} onDone={onDone} onClose={onClose} />);
    await userEvent.click(screen.getByTestId('modal-submit'));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(onSubmit).toHaveBeenCalledWith({ reason: 'customer withdrew' });
    expect(onDone).toHaveBeenCalledWith({ id: 'o-1', revision: 4 });
  });

  it('keeps the form open with the field errors and the unplaced ones in the alert', async () => {
    const onClose = jest.fn();
    const onSubmit = jest.fn(async () => {
      throw problem({
        status: 400,
        errors: [
          { field: 'reason', message: 'reason is too short' },
          { field: 'orderId', message: 'orderId must be a UUID' },
        ],
      });
    });
    renderEn(<Harness onSubmit={onSubmit} onClose={onClose} />);
    await userEvent.click(screen.getByTestId('modal-submit'));
    await waitFor(() => expect(fieldErrors('Reason')).toEqual(['reason is too short']));
    expect(screen.getByTestId('problem-alert').textContent).toContain('orderId: orderId must be a UUID');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('on a 412 refreshes the page behind it and offers to reload the form', async () => {
    const onStale = jest.fn();
    const onReload = jest.fn();
    renderEn(
      <Harness
        onSubmit={async () => {
          throw problem({ status: 412, code: 'REVISION_CONFLICT' });
        }}
        onStale={onStale}
        onReload={onReload}
      />,
    );
    await userEvent.click(screen.getByTestId('modal-submit'));
    await screen.findByTestId('stale-alert');
    expect(onStale).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByTestId('stale-reload'));
    expect(onReload).toHaveBeenCalledTimes(1);
  });
});
