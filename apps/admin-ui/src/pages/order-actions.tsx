import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Radio, Space } from 'antd';
import { useState } from 'react';
import { api, FINAL_STATUSES, type OrderDetail } from '../api';
import { Role, useAuth } from '../auth';
import { CommandModal } from '../command';
import { useI18n } from '../i18n';
import { CreditSnapshotView } from './order-sections';

import { AmendModal, type ModalProps, PaymentModal, PlanShipmentModal } from './order-action-forms';

export { PaymentModal };
type ActionKey = 'contract' | 'credit' | 'amend' | 'cancel' | 'ship' | null;

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

/**
 * The actions the user's roles and the order's state allow, each a button opening its form. A form
 * works on the order as it was when opened (its revision goes out as If-Match), even while the page
 * behind it refreshes: a change made meanwhile answers 412, and the form offers to reload.
 */
export function OrderActions({ order }: { order: OrderDetail }) {
  const { can } = useAuth();
  const { t } = useI18n();
  const [open, setOpenKey] = useState<ActionKey>(null);
  const [base, setBase] = useState<OrderDetail>(order);
  const [generation, setGeneration] = useState(0);
  const client = useQueryClient();
  const refresh = useRefresh();
  const { message } = App.useApp();
  const setOpen = (key: ActionKey) => {
    setBase(order);
    setOpenKey(key);
  };
  const done = () => {
    message.success(t('form.done'));
    refresh(order.id);
  };
  const stale = () => refresh(order.id);
  const reload = async () => {
    await client.refetchQueries({ queryKey: ['order', order.id], exact: true });
    setBase(client.getQueryData<OrderDetail>(['order', order.id]) ?? order);
    setGeneration((g) => g + 1);
  };
  const close = () => setOpenKey(null);
  const props = { order: base, onClose: close, onDone: done, onStale: stale, onReload: reload };

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
      {open === 'contract' && <ContractReviewModal key={generation} {...props} />}
      {open === 'credit' && <CreditDecisionModal key={generation} {...props} />}
      {open === 'amend' && <AmendModal key={generation} {...props} />}
      {open === 'cancel' && <CancelModal key={generation} {...props} />}
      {open === 'ship' && <PlanShipmentModal key={generation} {...props} />}
    </>
  );
}

function ContractReviewModal({ order, onClose, onDone, onStale, onReload }: ModalProps) {
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
      onReload={onReload}
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

function CreditDecisionModal({ order, onClose, onDone, onStale, onReload }: ModalProps) {
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
      onReload={onReload}
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

function CancelModal({ order, onClose, onDone, onStale, onReload }: ModalProps) {
  const { t } = useI18n();
  return (
    <CommandModal<{ reason: string }>
      open
      title={`${t('action.cancel')} · ${order.id}`}
      onClose={onClose}
      onDone={onDone}
      onStale={onStale}
      onReload={onReload}
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
