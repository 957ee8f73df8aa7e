import { useQuery } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Rate, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, type Page, type ProviderShipment } from '../api';
import { useAuth } from '../auth';
import { CommandModal, ProblemAlert } from '../command';
import { dateTime, StatusTag } from '../format';
import { useI18n } from '../i18n';
import { useRefresh } from './order-actions';

const NEXT_STATUS: Record<string, string> = {
  CONFIRM_READY: 'READY_TO_SHIP',
  ISSUE_PICK_UP_NOTE: 'PICKED_UP',
  DISPATCH: 'DISPATCHED',
  REPORT_IN_TRANSIT: 'IN_TRANSIT',
  DELIVER: 'DELIVERED',
};
const REPORTABLE = ['READY_TO_SHIP', 'PICKED_UP', 'DISPATCHED', 'IN_TRANSIT', 'DELIVERED', 'FAILED'];

/** 物流服务商门户: the provider's own shipments with the next step on each. */
export function ProviderShipmentsPage() {
  const { t, label } = useI18n();
  const { session } = useAuth();
  const [acting, setActing] = useState<{ kind: 'status' | 'receipt'; shipment: ProviderShipment } | null>(
    null,
  );
  const shipments = useQuery({
    queryKey: ['provider-shipments'],
    queryFn: () => api.get<Page<ProviderShipment>>('/providers/me/shipments?pageSize=200'),
    refetchInterval: 5000,
  });
  return (
    <div className="page">
      <div className="page-title">
        <h2>{t('provider.title')}</h2>
        <Typography.Text type="secondary">{session?.providerId}</Typography.Text>
      </div>
      <ProblemAlert error={shipments.error} />
      <Table<ProviderShipment>
        rowKey="id"
        size="small"
        loading={shipments.isLoading}
        dataSource={shipments.data?.items}
        pagination={false}
        columns={[
          {
            title: t('detail.shipment'),
            dataIndex: 'id',
            render: (v: string) => <span className="mono">{v}</span>,
          },
          {
            title: t('provider.order'),
            dataIndex: 'orderId',
            render: (v: string) => <span className="mono">{v}</span>,
          },
          {
            title: t('orders.status'),
            dataIndex: 'status',
            render: (s: string) => <StatusTag kind="shipment" value={s} />,
          },
          { title: t('detail.plannedDate'), dataIndex: 'plannedDate' },
          {
            title: t('detail.lines'),
            dataIndex: 'lines',
            render: (ls: ProviderShipment['lines']) =>
              ls.map((l) => `${l.lineId} ${l.modelId ?? ''}×${l.quantity}`).join(', '),
          },
          {
            title: t('detail.address'),
            dataIndex: 'deliveryAddress',
            ellipsis: true,
            render: (a: ProviderShipment['deliveryAddress']) =>
              `${a.city} ${a.address} · ${a.contact} ${a.phone}`,
          },
          { title: t('detail.deliveredAt'), dataIndex: 'deliveredAt', render: (v?: string) => dateTime(v) },
          {
            title: t('provider.nextStep'),
            key: 'next',
            render: (_, s) => (
              <Space size={4}>
                {NEXT_STATUS[s.nextStep] || s.nextStep === 'AWAIT_RESCHEDULE' ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setActing({ kind: 'status', shipment: s })}
                    data-testid={`report-${s.id}`}
                  >
                    {label('nextStep', s.nextStep)}
                  </Button>
                ) : s.nextStep === 'INSPECT_AND_SIGN' ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setActing({ kind: 'receipt', shipment: s })}
                    data-testid={`receipt-${s.id}`}
                  >
                    {label('nextStep', s.nextStep)}
                  </Button>
                ) : (
                  <Typography.Text type="secondary">{label('nextStep', s.nextStep)}</Typography.Text>
                )}
              </Space>
            ),
          },
        ]}
      />
      {acting?.kind === 'status' && (
        <StatusModal shipment={acting.shipment} onClose={() => setActing(null)} />
      )}
      {acting?.kind === 'receipt' && (
        <ReceiptModal shipment={acting.shipment} onClose={() => setActing(null)} />
      )}
    </div>
  );
}

function StatusModal({ shipment, onClose }: { shipment: ProviderShipment; onClose(): void }) {
  const { t, label } = useI18n();
  const refresh = useRefresh();
  const { message } = App.useApp();
  return (
    <CommandModal<{ status: string; at: Dayjs; note?: string }>
      open
      title={`${t('action.reportStatus')} · ${shipment.id}`}
      onClose={onClose}
      onDone={() => {
        message.success(`${t('form.done')} · ${shipment.id}`);
        refresh(shipment.orderId);
      }}
      initialValues={{ status: NEXT_STATUS[shipment.nextStep] ?? 'FAILED', at: dayjs() }}
      onSubmit={(v) =>
        api.command(`/shipments/${shipment.id}/status`, {
          status: v.status,
          at: v.at.toISOString(),
          ...(v.note ? { note: v.note } : {}),
        })
      }
    >
      <Form.Item name="status" label={t('form.status')} rules={[{ required: true }]}>
        <Select options={REPORTABLE.map((s) => ({ value: s, label: label('shipment', s) }))} />
      </Form.Item>
      <Form.Item name="at" label={t('form.at')} rules={[{ required: true }]}>
        <DatePicker showTime />
      </Form.Item>
      <Form.Item name="note" label={t('form.note')}>
        <Input maxLength={500} />
      </Form.Item>
    </CommandModal>
  );
}

interface ReceiptValues {
  units: { serial: string; lineId: string; result: 'ACCEPTED' | 'REJECTED'; defect?: string }[];
  signatory: string;
  signedAt: Dayjs;
  satisfaction: number;
}

/** 验机回执: every unit by serial, accepted or rejected with a defect; the customer's signature and satisfaction. */
function ReceiptModal({ shipment, onClose }: { shipment: ProviderShipment; onClose(): void }) {
  const { t } = useI18n();
  const refresh = useRefresh();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReceiptValues>();
  const results = Form.useWatch('units', form);
  const units = shipment.lines.flatMap((l) =>
    Array.from({ length: l.quantity }, () => ({ serial: '', lineId: l.lineId, result: 'ACCEPTED' as const })),
  );
  return (
    <CommandModal<ReceiptValues>
      open
      form={form}
      width={720}
      title={`${t('action.signReceipt')} · ${shipment.id}`}
      onClose={onClose}
      onDone={() => {
        message.success(t('form.done'));
        refresh(shipment.orderId);
      }}
      initialValues={{ units, signedAt: dayjs(), satisfaction: 5 }}
      testId="receipt-modal"
      onSubmit={(v) =>
        api.command(`/shipments/${shipment.id}/acceptance-receipt`, {
          units: v.units.map((u) => ({
            serial: u.serial,
            lineId: u.lineId,
            result: u.result,
            ...(u.result === 'REJECTED' ? { defect: u.defect } : {}),
          })),
          signatory: v.signatory,
          signedAt: v.signedAt.toISOString(),
          satisfaction: v.satisfaction,
        })
      }
    >
      <Typography.Text strong>{t('form.units')}</Typography.Text>
      <Space align="baseline" style={{ display: 'flex', color: '#888', fontSize: 12, marginTop: 4 }}>
        <span style={{ display: 'inline-block', width: 60 }}>{t('form.line')}</span>
        <span style={{ display: 'inline-block', width: 180 }}>{t('form.serial')}</span>
        <span style={{ display: 'inline-block', width: 110 }}>{t('form.result')}</span>
        <span>{t('form.defect')}</span>
      </Space>
      <Form.List name="units">
        {(fields) =>
          fields.map((f) => (
            <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
              <Form.Item name={[f.name, 'lineId']} style={{ width: 60 }}>
                <Input disabled />
              </Form.Item>
              <Form.Item
                name={[f.name, 'serial']}
                style={{ width: 180 }}
                rules={[{ required: true, message: t('form.required') }]}
              >
                <Input placeholder={t('form.serial')} maxLength={60} />
              </Form.Item>
              <Form.Item name={[f.name, 'result']}>
                <Select
                  style={{ width: 110 }}
                  options={[
                    { value: 'ACCEPTED', label: t('detail.accepted') },
                    { value: 'REJECTED', label: t('detail.rejected') },
                  ]}
                />
              </Form.Item>
              <Form.Item
                name={[f.name, 'defect']}
                rules={[{ required: results?.[f.name]?.result === 'REJECTED', message: t('form.required') }]}
              >
                <Input
                  placeholder={t('form.defect')}
                  maxLength={300}
                  disabled={results?.[f.name]?.result !== 'REJECTED'}
                />
              </Form.Item>
            </Space>
          ))
        }
      </Form.List>
      <Space>
        <Form.Item
          name="signatory"
          label={t('form.signatory')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="signedAt" label={t('detail.signedAt')} rules={[{ required: true }]}>
          <DatePicker showTime />
        </Form.Item>
        <Form.Item name="satisfaction" label={t('form.satisfaction')} rules={[{ required: true }]}>
          <Rate count={5} />
        </Form.Item>
      </Space>
    </CommandModal>
  );
}
