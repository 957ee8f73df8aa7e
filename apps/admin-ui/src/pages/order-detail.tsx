import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Col, Descriptions, Row, Skeleton, Typography } from 'antd';
import { useParams } from 'react-router';
import { api, FINAL_STATUSES, type OrderDetail } from '../api';
import { ProblemAlert } from '../command';
import { actorName, Amount, dateTime, StatusTag } from '../format';
import { useI18n } from '../i18n';
import { OrderActions } from './order-actions';
import { InvoicesTable, LinesTable, ReceiptsTable, ReviewsSection, ShipmentsTable } from './order-sections';
import { OrderTimeline } from './order-timeline';

/** The order: header, lines, reviews, shipments, receipts, invoices, timeline; refreshed every 2 s until final. */
export function OrderDetailPage() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const order = useQuery({
    queryKey: ['order', id],
    queryFn: () => api.get<OrderDetail>(`/orders/${encodeURIComponent(id)}`),
    refetchInterval: (q) => (q.state.data && FINAL_STATUSES.includes(q.state.data.status) ? false : 2000),
  });
  if (order.error && !order.data)
    return (
      <div className="page">
        <ProblemAlert error={order.error} />
      </div>
    );
  if (!order.data)
    return (
      <div className="page">
        <Skeleton active />
      </div>
    );
  const o = order.data;
  const live = !FINAL_STATUSES.includes(o.status);

  return (
    <div className="page" data-testid="order-detail" data-revision={o.revision}>
      <div className="page-title">
        <h2 className="mono" style={{ fontSize: 17 }}>
          {o.id}
        </h2>
        <span data-testid="order-status">
          <StatusTag value={o.status} />
        </span>
        {live && (
          <Badge
            status="processing"
            text={<Typography.Text type="secondary">{t('detail.live')}</Typography.Text>}
          />
        )}
        <div style={{ flex: 1 }} />
        <OrderActions order={o} />
        <Button onClick={() => void order.refetch()}>{t('reload')}</Button>
      </div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
          <Descriptions.Item label={t('orders.account')}>
            {o.account.name}{' '}
            <Typography.Text type="secondary">
              ({label('tier', o.account.tier)} · {o.account.region})
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('orders.po')}>{o.customerPo}</Descriptions.Item>
          <Descriptions.Item label={t('orders.total')}>
            <b data-testid="order-total">
              <Amount value={o.total} />
            </b>
          </Descriptions.Item>
          <Descriptions.Item label={t('detail.channel')}>{label('channel', o.channel)}</Descriptions.Item>
          <Descriptions.Item label={t('detail.signedBy')}>{o.signedBy.name}</Descriptions.Item>
          <Descriptions.Item label={t('detail.placedBy')}>{actorName(o.placedBy)}</Descriptions.Item>
          <Descriptions.Item label={t('orders.placedAt')}>{dateTime(o.placedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('detail.revision')}>{o.revision}</Descriptions.Item>
          {o.rejection && (
            <Descriptions.Item label={t('detail.rejection')}>
              {o.rejection.stage}: {o.rejection.reason}
            </Descriptions.Item>
          )}
          {o.cancellation && (
            <Descriptions.Item label={t('detail.cancellation')}>
              {o.cancellation.reason} ({actorName(o.cancellation.cancelledBy)})
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('detail.lines')} style={{ marginBottom: 12 }}>
            <LinesTable order={o} />
          </Card>
          <Card size="small" style={{ marginBottom: 12 }}>
            <ReviewsSection order={o} />
          </Card>
          <Card size="small" title={t('detail.shipments')} style={{ marginBottom: 12 }}>
            <ShipmentsTable order={o} />
          </Card>
          <Card size="small" title={t('detail.receipts')} style={{ marginBottom: 12 }}>
            <ReceiptsTable order={o} />
          </Card>
          <Card size="small" title={t('detail.invoices')} style={{ marginBottom: 12 }}>
            <InvoicesTable order={o} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('detail.timeline')}>
            <OrderTimeline orderId={o.id} revision={o.revision} live={live} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
