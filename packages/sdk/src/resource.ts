import { defaultResource, type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import type { ResolvedConfig } from './config/resolve-config.js';

/** `service.name`, `service.version`, `deployment.environment.name` over OTEL_RESOURCE_ATTRIBUTES. */
export function buildResource(config: ResolvedConfig): Resource {
  const attributes: Record<string, string> = { ...config.resourceAttributes };
  attributes['service.name'] = config.serviceName ?? attributes['service.name'] ?? 'telegram-bot';
  if (config.serviceVersion !== undefined) attributes['service.version'] = config.serviceVersion;
  if (config.environment !== undefined)
    attributes['deployment.environment.name'] = config.environment;
  return defaultResource().merge(resourceFromAttributes(attributes));
}
