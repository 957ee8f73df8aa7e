import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Input } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, type Invoice, type OrderInvoice } from '../api';
import { ProblemAlert } from '../command';
import { Amount, StatusTag } from '../format';
import { useI18n } from '../i18n';
import { PaymentModal, useRefresh } from './order-actions';

/** 回款 by invoice id: for finance and the commerce provider (who cannot search orders). */
export function InvoicesPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const navigate = useNavigate();
  const refresh = useRefresh();
  const [paying, setPaying] = useState(false);
  const invoice = useQuery({
    queryKey: ['invoice', id],
    queryFn: () => api.get<Invoice>(`/invoices/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
  const inv = invoice.data;
  const invoiceId = inv?.id ?? id ?? '';
  return (
    <div className="page">
      <div className="page-title">
        <h2>{t('invoices.title')}</h2>
      </div>
      <Input.Search
        style={{ width: 360, marginBottom: 12 }}
        placeholder={t('invoices.lookup')}
        defaultValue={id}
        enterButton
        onSearch={(v) => v.trim() && navigate(`/invoices/${encodeURIComponent(v.trim())}`)}
      />
      <ProblemAlert error={invoice.error} />
      {inv && (
        <Card
          size="small"
          title={invoiceId}
          extra={
            inv.status !== 'PAID' && (
              <Button type="primary" onClick={() => setPaying(true)}>
                {t('action.recordPayment')}
              </Button>
            )
          }
        >
          <Descriptions size="small" column={3}>
            <Descriptions.Item label={t('orders.status')}>
              <StatusTag kind="invoice" value={inv.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('detail.amount')}>
              <Amount value={inv.amount} />
            </Descriptions.Item>
            <Descriptions.Item label={t('detail.outstanding')}>
              <Amount value={inv.outstanding} />
            </Descriptions.Item>
            <Descriptions.Item label={t('detail.dueDate')}>{inv.dueDate}</Descriptions.Item>
            {inv.orderId && <Descriptions.Item label={t('orders.id')}>{inv.orderId}</Descriptions.Item>}
          </Descriptions>
        </Card>
      )}
      {paying && inv && (
        <PaymentModal
          invoice={{ ...(inv as unknown as OrderInvoice), id: invoiceId }}
          onClose={() => setPaying(false)}
          onDone={() => {
            refresh(inv.orderId);
            void invoice.refetch();
          }}
        />
      )}
    </div>
  );
}
