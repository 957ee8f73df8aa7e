import { App, Button, Card, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, type CommandResult, type FieldError } from '../api';
import { useCatalog } from '../catalog';
import { applyFieldErrors, ProblemAlert } from '../command';
import { useI18n } from '../i18n';
import { useAccounts } from './orders';
import { useRefresh } from './order-actions';

import { CHANNELS, LineCard, type LineValues, optionIdsOf, type PlaceValues } from './order-line-card';
export function PlaceOrderPage() {
  const { t, label } = useI18n();
  const [form] = Form.useForm<PlaceValues>();
  const catalog = useCatalog();
  const accounts = useAccounts();
  const navigate = useNavigate();
  const refresh = useRefresh();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<FieldError[]>([]);
  const accountId = Form.useWatch('accountId', form);
  const channel = Form.useWatch('channel', form) ?? 'DIRECT';
  const account = accounts.data?.items.find((a) => a.accountId === accountId);

  const onAccount = (id: string) => {
    const a = accounts.data?.items.find((x) => x.accountId === id);
    if (!a) return;
    const lines = (form.getFieldValue('lines') as LineValues[]) ?? [];
    form.setFieldValue(
      'lines',
      lines.map((l) => ({
        ...l,
        deliveryAddress: {
          ...l.deliveryAddress,
          region: l.deliveryAddress?.region || a.region,
          city: l.deliveryAddress?.city || a.region,
        },
      })),
    );
    if (a.serviceModel === 'COMMERCE_PROVIDER') form.setFieldValue('channel', 'COMMERCE_PROVIDER');
  };

  const submit = async (values: PlaceValues) => {
    setBusy(true);
    setError(null);
    setUnplaced([]);
    try {
      const body = {
        accountId: values.accountId,
        channel: values.channel,
        signedBy: values.signedBy,
        customerPo: values.customerPo,
        lines: values.lines.map((l) => ({
          modelId: l.modelId,
          optionIds: optionIdsOf(l),
          quantity: l.quantity,
          requestedDate: l.requestedDate?.format('YYYY-MM-DD'),
          deliveryAddress: l.deliveryAddress,
        })),
      };
      const result = await api.command<CommandResult>('/orders', body);
      message.success(`${t('place.placed')}: ${result.id}`);
      refresh();
      navigate(`/orders/${result.id}`);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        setUnplaced(
          applyFieldErrors(form, e.problem.errors, (f) => {
            const m = /^lines\[(\d+)\]\.optionIds/.exec(f);
            if (m) return ['lines', Number(m[1]), 'modelId'];
            return f
              .split(/\.|\[|\]/)
              .filter(Boolean)
              .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
          }),
        );
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page" data-testid="place-order">
      <div className="page-title">
        <h2>{t('place.title')}</h2>
        {catalog.data && <Typography.Text type="secondary">catalog v{catalog.data.version}</Typography.Text>}
      </div>
      <ProblemAlert error={error} unplaced={unplaced} />
      <Form<PlaceValues>
        form={form}
        layout="vertical"
        size="small"
        onFinish={(v) => void submit(v)}
        initialValues={{ channel: 'DIRECT', lines: [{ quantity: 1, requestedDate: dayjs().add(30, 'day') }] }}
      >
        <Card size="small" style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item
                name="accountId"
                label={t('place.account')}
                rules={[{ required: true, message: t('form.required') }]}
              >
                <Select
                  showSearch
                  optionFilterProp="label"
                  onChange={onAccount}
                  loading={accounts.isLoading}
                  options={accounts.data?.items.map((a) => ({
                    value: a.accountId,
                    label: `${a.name} (${a.accountId})`,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="channel" label={t('place.channel')} rules={[{ required: true }]}>
                <Select options={CHANNELS.map((c) => ({ value: c, label: label('channel', c) }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="signedBy"
                label={t('place.signedBy')}
                rules={[{ required: true, message: t('form.required') }]}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="customerPo"
                label={t('place.po')}
                rules={[{ required: true, message: t('form.required') }]}
              >
                <Input maxLength={60} />
              </Form.Item>
            </Col>
          </Row>
          {account && (
            <Typography.Text type="secondary">
              {label('tier', account.tier)} · {account.region} · {account.industry} · {account.serviceModel}
            </Typography.Text>
          )}
        </Card>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <LineCard
                  key={field.key}
                  index={field.name}
                  form={form}
                  catalog={catalog.data}
                  accountId={accountId}
                  channel={channel}
                  fallbackRegion={account?.region}
                  onRemove={fields.length > 1 ? () => remove(field.name) : undefined}
                />
              ))}
              <Space>
                <Button
                  onClick={() =>
                    add({
                      quantity: 1,
                      requestedDate: dayjs().add(30, 'day'),
                      deliveryAddress: account ? { region: account.region, city: account.region } : {},
                    })
                  }
                >
                  {t('place.addLine')}
                </Button>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="place-submit">
                  {t('place.submit')}
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </div>
  );
}
