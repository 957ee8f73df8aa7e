import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { homeOf, useAuth } from '../auth';
import { useI18n } from '../i18n';
import { LanguageSwitch } from '../layout';

export function LoginPage() {
  const { session, login } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;
  if (session) return <Navigate to={from ?? homeOf(session.roles)} replace />;

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setFailed(false);
    try {
      const answer = await login(values.username.trim(), values.password);
      navigate(from ?? homeOf(answer.roles), { replace: true });
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ display: 'flex', justifyContent: 'center', alignItems: 'center', height: '100%' }}>
      <Card style={{ width: 360 }} title={t('appName')} extra={<LanguageSwitch />}>
        {failed && (
          <Alert
            type="error"
            showIcon
            message={t('loginFailed')}
            style={{ marginBottom: 12 }}
            data-testid="login-error"
          />
        )}
        <Form
          layout="vertical"
          onFinish={(v: { username: string; password: string }) => void submit(v)}
          size="middle"
        >
          <Form.Item
            name="username"
            label={t('username')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('password')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login')}
          </Button>
        </Form>
        <Space style={{ marginTop: 12 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            demo: desk / reviewer / analyst / director / finance / logistics · demo123
          </Typography.Text>
        </Space>
      </Card>
    </div>
  );
}
