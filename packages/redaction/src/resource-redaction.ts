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
    const counters = tally.counters(attributes, this.redactor.isRuleName);
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

  /** The scope with its name, version, schema URL and attributes redacted (any library names it). */
  scope<T extends ScopeWithAttributes>(scope: T): T {
    const generation = this.redactor.generation;
    const cached = this.scopes.get(scope);
    if (cached && cached.generation === generation) return cached.value as T;
    const redactor = this.redactor;
    const optional = (text: string | undefined) =>
      text === undefined ? text : redactor.redactString(text);
    const name = redactor.redactString(scope.name);
    const version = optional(scope.version);
    const schemaUrl = optional(scope.schemaUrl);
    const attributes = scope.attributes && redactor.redactAttributes(scope.attributes);
    const unchanged =
      name === scope.name &&
      version === scope.version &&
      schemaUrl === scope.schemaUrl &&
      attributes === scope.attributes;
    const value = unchanged ? scope : { ...scope, name, version, schemaUrl, attributes };
    this.scopes.set(scope, { generation, value });
    return value;
  }
}
