import { useQuery } from '@tanstack/react-query';
import { DatePicker, Descriptions, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { api, type OrderDetail, type OrderInvoice, type ProviderItem } from '../api';
import { nameOf, useCatalog } from '../catalog';
import { CommandModal, ProblemAlert } from '../command';
import { useI18n } from '../i18n';

/** The registered logistics providers (`GET /providers?kind=LOGISTICS`). */
export function useLogisticsProviders() {
  return useQuery({
    queryKey: ['providers', 'LOGISTICS'],
    queryFn: () => api.get<{ items: ProviderItem[] }>('/providers?kind=LOGISTICS'),
    staleTime: 5 * 60_000,
  });
}

export interface ModalProps {
  order: OrderDetail;
  onClose(): void;
  onDone(): void;
  onStale(): void;
  /** After a 412: shows the form again on the order as it is now. */
  onReload(): Promise<void>;
}

interface AmendValues {
  lineId: string;
  optionIds: string[];
  quantity: number;
  requestedDate: Dayjs;
}

export function AmendModal({ order, onClose, onDone, onStale, onReload }: ModalProps) {
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
      onReload={onReload}
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

export function PlanShipmentModal({ order, onClose, onDone, onStale, onReload }: ModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<ShipValues>();
  const providers = useLogisticsProviders();
  const items = providers.data?.items ?? [];
  // Proposed: the first provider serving the delivery city (or region), else the first one.
  const where = order.lines[0]?.deliveryAddress;
  const serving = items.filter((p) => p.regions.some((r) => r === where?.city || r === where?.region));
  const proposed = (serving[0] ?? items[0])?.providerId;
  useEffect(() => {
    if (proposed && !form.getFieldValue('providerId')) form.setFieldValue('providerId', proposed);
  }, [proposed, form]);
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
      onReload={onReload}
      form={form}
      initialValues={{ providerId: proposed, plannedDate: dayjs().add(3, 'day'), qty: open }}
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
      <ProblemAlert error={providers.error} />
      <Form.Item name="providerId" label={t('form.provider')} rules={[{ required: true }]}>
        <Select
          loading={providers.isPending}
          placeholder={providers.isPending ? t('form.providersLoading') : undefined}
          options={items.map((p) => ({
            value: p.providerId,
            label: `${p.providerId} ${p.name}`,
            title: p.regions.join(', '),
          }))}
          data-testid="provider-select"
        />
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
