import { logs, SeverityNumber } from '@opentelemetry/api';

// Looked up per record: the global logger provider may be set after this module loads.
const logger = () => logs.getLogger('@telegraf-otel/demo-bot');

/**
 * An audit-trail record of a bot action (`telegram.audit.*`), emitted inside the update, so it
 * carries the update's trace and span ids. It names the action and the decision, never the user.
 */
export function audit(action: 'admin_command' | 'access_denied', command: string): void {
  const denied = action === 'access_denied';
  logger().emit({
    eventName: `telegram.audit.${action}`,
    severityNumber: denied ? SeverityNumber.WARN : SeverityNumber.INFO,
    severityText: denied ? 'WARN' : 'INFO',
    body: denied ? `access denied to /${command}` : `admin command /${command} executed`,
    attributes: {
      'telegram.command': command,
      'telegram.audit.decision': denied ? 'denied' : 'allowed',
    },
  });
}

/**
 * What a careless app logs: a support request with the user's e-mail address and phone number in
 * the body. The redacting exporter masks both before the record leaves the process.
 */
export function logSupportRequest(contact: string): void {
  logger().emit({
    eventName: 'demo.support_request',
    severityNumber: SeverityNumber.INFO,
    severityText: 'INFO',
    body: `support request received, answer to ${contact}`,
  });
}
