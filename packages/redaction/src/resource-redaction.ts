import type { Attributes } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import { type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import type { Redactor } from './redactor.js';
import { RedactionTally } from './tally.js';

type ScopeWithAttributes = InstrumentationScope & {
  attributes?: Attributes;
  droppedAttributesCount?: number;
};

interface Cached<T> {
  readonly generation: number;
  readonly value: T;
}

/**
 * Redacted stand-ins for resources and instrumentation scopes, one per original and per redactor
 * generation. Keeping the identity stable matters: the OTLP transformer groups records by the
 * resource (and, for logs, the scope) object, so a fresh copy per record would split every batch.
 * A resource's own counters go on the resource copy (per-record counters would double count).
 */
export class ResourceRedaction {
  private readonly resources = new WeakMap<Resource, Cached<Resource>>();
  private readonly scopes = new WeakMap<object, Cached<ScopeWithAttributes>>();

  constructor(private readonly redactor: Redactor) {}

  resource(resource: Resource): Resource {
    const generation = this.redactor.generation;
    const cached = this.resources.get(resource);
    if (cached && cached.generation === generation) return cached.value;
    const tally = new RedactionTally();
    const attributes = resource.attributes;
    const redacted = this.redactor.redactAttributes(attributes, tally);
    const counters = tally.counters(attributes);
    const value =
      redacted === attributes && !counters
        ? resource
        : resourceFromAttributes(
            { ...redacted, ...counters },
            resource.schemaUrl ? { schemaUrl: resource.schemaUrl } : undefined,
          );
    if (!resource.asyncAttributesPending) this.resources.set(resource, { generation, value });
    return value;
  }

  scope<T extends ScopeWithAttributes>(scope: T): T {
    const attributes = scope.attributes;
    if (!attributes || Object.keys(attributes).length === 0) return scope;
    const generation = this.redactor.generation;
    const cached = this.scopes.get(scope);
    if (cached && cached.generation === generation) return cached.value as T;
    const redacted = this.redactor.redactAttributes(attributes);
    const value = redacted === attributes ? scope : { ...scope, attributes: redacted };
    this.scopes.set(scope, { generation, value });
    return value;
  }
}
