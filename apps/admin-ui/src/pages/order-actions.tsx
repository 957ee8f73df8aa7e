import { useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, FINAL_STATUSES, type OrderDetail, type OrderInvoice } from '../api';
import { Role, useAuth } from '../auth';
import { nameOf, useCatalog } from '../catalog';
import { CommandModal } from '../command';
import { useI18n } from '../i18n';
import { CreditSnapshotView } from './order-sections';

type ActionKey = 'contract' | 'credit' | 'amend' | 'cancel' | 'ship' | null;

export const LOGISTICS_PROVIDERS = [
  { value: 'lp-sf', label: 'lp-sf 顺丰速运 SF Express' },
  { value: 'lp-jd', label: 'lp-jd 京东物流 JD Logistics' },
];

/** After a command: refetch what it may have changed. */
export function useRefresh() {
  const client = useQueryClient();
  return (orderId?: string) => {
    if (orderId) void client.invalidateQueries({ queryKey: ['order', orderId] });
    void client.invalidateQueries({ queryKey: ['order-history'] });
    void client.invalidateQueries({ queryKey: ['orders'] });
    void client.invalidateQueries({ queryKey: ['work-queues'] });
    void client.invalidateQueries({ queryKey: ['provider-shipments'] });
    void client.invalidateQueries({ queryKey: ['invoice'] });
  };
}

/** The actions the user's roles and the order's state allow, each a button opening its form. */
export function OrderActions({ order }: { order: OrderDetail }) {
  const { can } = useAuth();
  const { t } = useI18n();
  const [open, setOpen] = useState<ActionKey>(null);
  const refresh = useRefresh();
  const { message } = App.useApp();
  const done = () => {
    message.success(t('form.done'));
    refresh(order.id);
  };
  const stale = () => refresh(order.id);
  const close = () => setOpen(null);

  const live = !FINAL_STATUSES.includes(order.status);
  const dispatched = order.shipments.some(
    (s) => !['PLANNED', 'READY_TO_SHIP', 'PICKED_UP', 'CANCELLED'].includes(s.status),
  );
  const credit = order.creditReview.status;
  const buttons = [
    can(Role.ContractReviewer) && live && order.contractReview.status === 'PENDING' && (
      <Button
        key="contract"
        type="primary"
        onClick={() => setOpen('contract')}
        data-testid="action-contract-review"
      >
        {t('action.contractReview')}
      </Button>
    ),
    ((can(Role.CreditAnalyst) && credit === 'HELD') ||
      (can(Role.CreditApprover) && (credit === 'HELD' || credit === 'AWAITING_SECOND_SIGNATURE'))) && (
      <Button
        key="credit"
        type="primary"
        onClick={() => setOpen('credit')}
        data-testid="action-credit-decision"
      >
        {t('action.creditDecision')}
      </Button>
    ),
    can(Role.OrderDesk) && (order.status === 'RELEASED' || order.status === 'IN_FULFILMENT') && (
      <Button key="ship" type="primary" onClick={() => setOpen('ship')} data-testid="action-plan-shipment">
        {t('action.planShipment')}
      </Button>
    ),
    can(Role.OrderDesk) && live && !dispatched && (
      <Button key="amend" onClick={() => setOpen('amend')} data-testid="action-amend">
        {t('action.amend')}
      </Button>
    ),
    can(Role.OrderDesk) && live && !dispatched && (
      <Button key="cancel" danger onClick={() => setOpen('cancel')} data-testid="action-cancel">
        {t('action.cancel')}
      </Button>
    ),
  ].filter(Boolean);

  return (
    <>
      <Space wrap data-testid="order-actions">
        {buttons}
      </Space>
      {open === 'contract' && (
        <ContractReviewModal order={order} onClose={close} onDone={done} onStale={stale} />
      )}
      {open === 'credit' && (
        <CreditDecisionModal order={order} onClose={close} onDone={done} onStale={stale} />
      )}
      {open === 'amend' && <AmendModal order={order} onClose={close} onDone={done} onStale={stale} />}
      {open === 'cancel' && <CancelModal order={order} onClose={close} onDone={done} onStale={stale} />}
      {open === 'ship' && <PlanShipmentModal order={order} onClose={close} onDone={done} onStale={stale} />}
    </>
  );
}

interface ModalProps {
  order: OrderDetail;
  onClose(): void;
  onDone(): void;
  onStale(): void;
}

function ContractReviewModal({ order, onClose, onDone, onStale }: ModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ decision: 'APPROVE' | 'REJECT'; reason?: string }>();
  const decision = Form.useWatch('decision', form);
  return (
    <CommandModal
      open
      form={form}
      title={`${t('action.contractReview')} · ${order.id}`}
      onClose={onClose}
      onDone={onDone}
      onStale={onStale}
      initialValues={{ decision: 'APPROVE' }}
      onSubmit={(v) => api.command(`/orders/${order.id}/contract-review`, v, order.revision)}
      testId="contract-review-modal"
    >
      <Form.Item name="decision" label={t('form.decision')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'APPROVE', label: t('form.approve') },
            { value: 'REJECT', label: t('form.reject') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('form.reason')}
        rules={[{ required: decision === 'REJECT', message: t('form.required') }]}
      >
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </CommandModal>
  );
}

function CreditDecisionModal({ order, onClose, onDone, onStale }: ModalProps) {
  const { t } = useI18n();
  const snapshot = order.creditReview.snapshot;
  const over = (snapshot?.exposureAfter?.amount ?? 0) > (snapshot?.limit?.amount ?? Infinity) * 1.2;
  return (
    <CommandModal<{ decision: 'RELEASE' | 'REJECT'; reason: string }>
      open
      width={640}
      title={`${t('action.creditDecision')} · ${order.id}`}
      onClose={onClose}
      onDone={onDone}
      onStale={onStale}
      initialValues={{ decision: 'RELEASE' }}
      /* The credit decision lands on the account's credit stream, whose revision the order does not carry: no If-Match. */
      onSubmit={(v) => api.command(`/orders/${order.id}/credit-decision`, v)}
      testId="credit-decision-modal"
    >
      {snapshot && <CreditSnapshotView review={order.creditReview} />}
      {over && <div style={{ color: '#d46b08', margin: '8px 0' }}>{t('form.secondSignature')}</div>}
      <Form.Item
        name="decision"
        label={t('form.decision')}
        rules={[{ required: true }]}
        style={{ marginTop: 12 }}
      >
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'RELEASE', label: t('form.release') },
            { value: 'REJECT', label: t('form.reject') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('form.reason')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </CommandModal>
  );
}

function CancelModal({ order, onClose, onDone, onStale }: ModalProps) {
  const { t } = useI18n();
  return (
    <CommandModal<{ reason: string }>
      open
      title={`${t('action.cancel')} · ${order.id}`}
      onClose={onClose}
      onDone={onDone}
      onStale={onStale}
      onSubmit={(v) => api.command(`/orders/${order.id}/cancel`, v, order.revision)}
    >
      <Form.Item
        name="reason"
        label={t('form.reason')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </CommandModal>
  );
}

interface AmendValues {
  lineId: string;
  optionIds: string[];
  quantity: number;
  requestedDate: Dayjs;
}

function AmendModal({ order, onClose, onDone, onStale }: ModalProps) {
  const { t, lang } = useI18n();
  const catalog = useCatalog();
  const [form] = Form.useForm<AmendValues>();
  const lineId = Form.useWatch('lineId', form);
  const line = order.lines.find((l) => l.lineId === lineId) ?? order.lines[0];
  const model = catalog.data?.models.find((m) => m.id === line?.modelId);
  const offered = new Set(model?.classes.flatMap((c) => c.optionIds) ?? []);
  const options = (catalog.data?.options ?? []).filter((o) => offered.has(o.id));
  const pick = (id: string) => {
    const l = order.lines.find((x) => x.lineId === id);
    if (l)
      form.setFieldsValue({
        optionIds: l.optionIds,
        quantity: l.quantity,
        requestedDate: dayjs(l.requestedDate),
      });
  };
  const first = order.lines[0];
  return (
    <CommandModal<AmendValues>
      open
      form={form}
      width={640}
      title={`${t('action.amend')} · ${order.id}`}
      onClose={onClose}
      onDone={onDone}
      onStale={onStale}
      initialValues={
        first && {
          lineId: first.lineId,
          optionIds: first.optionIds,
          quantity: first.quantity,
          requestedDate: dayjs(first.requestedDate),
        }
      }
      mapField={(f) => {
        const m = /^lines\[\d+\]\.(\w+)/.exec(f);
        return m ? [m[1]] : undefined;
      }}
      onSubmit={(v) => {
        const l = order.lines.find((x) => x.lineId === v.lineId)!;
        const body = {
          lines: [
            {
              lineId: l.lineId,
              modelId: l.modelId,
              optionIds: v.optionIds,
              quantity: v.quantity,
              requestedDate: v.requestedDate.format('YYYY-MM-DD'),
              deliveryAddress: l.deliveryAddress,
            },
          ],
        };
        return api.command(`/orders/${order.id}/amendments`, body, order.revision);
      }}
    >
      <Form.Item name="lineId" label={t('form.line')} rules={[{ required: true }]}>
        <Select
          onChange={pick}
          options={order.lines.map((l) => ({ value: l.lineId, label: `${l.lineId} · ${l.modelId}` }))}
        />
      </Form.Item>
      <Form.Item name="optionIds" label={t('detail.options')} rules={[{ required: true }]}>
        <Select
          mode="multiple"
          optionFilterProp="label"
          options={options.map((o) => ({ value: o.id, label: `${nameOf(o, lang)} (${o.id})` }))}
        />
      </Form.Item>
      <Space>
        <Form.Item name="quantity" label={t('detail.quantity')} rules={[{ required: true }]}>
          <InputNumber min={1} precision={0} />
        </Form.Item>
        <Form.Item name="requestedDate" label={t('detail.requested')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Space>
    </CommandModal>
  );
}

interface ShipValues {
  providerId: string;
  plannedDate: Dayjs;
  qty: Record<string, number | null>;
}

function PlanShipmentModal({ order, onClose, onDone, onStale }: ModalProps) {
  const { t } = useI18n();
  const planned = (lineId: string) =>
    order.shipments
      .filter((s) => s.status !== 'CANCELLED')
      .flatMap((s) => s.lines)
      .filter((l) => l.lineId === lineId)
      .reduce((n, l) => n + l.quantity, 0);
  const open = Object.fromEntries(
    order.lines.map((l) => [l.lineId, Math.max(0, l.quantity - planned(l.lineId))]),
  );
  return (
    <CommandModal<ShipValues>
      open
      title={`${t('action.planShipment')} · ${order.id}`}
      onClose={onClose}
      onDone={onDone}
      onStale={onStale}
      initialValues={{ providerId: 'lp-sf', plannedDate: dayjs().add(3, 'day'), qty: open }}
      mapField={(f) => (f === 'providerId' || f === 'plannedDate' ? [f] : undefined)}
      testId="plan-shipment-modal"
      onSubmit={(v) =>
        api.command(
          `/orders/${order.id}/shipments`,
          {
            providerId: v.providerId,
            plannedDate: v.plannedDate.format('YYYY-MM-DD'),
            lines: Object.entries(v.qty)
              .filter(([, q]) => (q ?? 0) > 0)
              .map(([lineId, quantity]) => ({ lineId, quantity })),
          },
          order.revision,
        )
      }
    >
      <Form.Item name="providerId" label={t('form.provider')} rules={[{ required: true }]}>
        <Select options={LOGISTICS_PROVIDERS} data-testid="provider-select" />
      </Form.Item>
      <Form.Item name="plannedDate" label={t('form.plannedDate')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
      <Descriptions size="small" column={1} bordered>
        {order.lines.map((l) => (
          <Descriptions.Item key={l.lineId} label={`${l.lineId} · ${l.modelId} (≤ ${open[l.lineId]})`}>
            <Form.Item name={['qty', l.lineId]} noStyle>
              <InputNumber min={0} max={l.quantity} precision={0} />
            </Form.Item>
          </Descriptions.Item>
        ))}
      </Descriptions>
    </CommandModal>
  );
}

interface PaymentValues {
  amount: number;
  receivedAt: Dayjs;
  reference: string;
}

/** 回款: a (partial) payment on an invoice, by finance or the commerce provider. */
export function PaymentModal({
  invoice,
  onClose,
  onDone,
}: {
  invoice: OrderInvoice;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const outstanding = invoice.outstanding ?? invoice.amount;
  return (
    <CommandModal<PaymentValues>
      open
      title={`${t('action.recordPayment')} · ${invoice.id}`}
      onClose={onClose}
      onDone={onDone}
      initialValues={{ amount: outstanding.amount / 100, receivedAt: dayjs() }}
      mapField={(f) =>
        f.startsWith('amount') ? ['amount'] : f === 'receivedAt' || f === 'reference' ? [f] : undefined
      }
      onSubmit={(v) =>
        api.command(`/invoices/${invoice.id}/payments`, {
          amount: { amount: Math.round(v.amount * 100), currency: outstanding.currency },
          receivedAt: v.receivedAt.toISOString(),
          reference: v.reference,
        })
      }
      testId="payment-modal"
    >
      <Form.Item name="amount" label={t('form.amount')} rules={[{ required: true }]}>
        <InputNumber min={0.01} max={outstanding.amount / 100} precision={2} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="receivedAt" label={t('form.receivedAt')} rules={[{ required: true }]}>
        <DatePicker showTime />
      </Form.Item>
      <Form.Item
        name="reference"
        label={t('form.reference')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
    </CommandModal>
  );
}
