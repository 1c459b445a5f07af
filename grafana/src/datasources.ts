import { containerPaths, datasourceUids } from './names.ts';

// Grafana expands `$__file{}` and `${VAR}` in datasource fields at startup; `$$` keeps a literal
// `$` for Grafana's own link macros. Certificates are read from mounted files, never inlined.
const clientTls = {
  jsonData: { tlsAuth: true, tlsAuthWithCACert: true },
  secureJsonData: {
    tlsCACert: `$__file{${containerPaths.caCert}}`,
    tlsClientCert: `$__file{${containerPaths.clientCert}}`,
    tlsClientKey: `$__file{${containerPaths.clientKey}}`,
  },
};

export const datasourcesFile = {
  apiVersion: 1,
  prune: true,
  datasources: [
    {
      name: 'Prometheus',
      type: 'prometheus',
      uid: datasourceUids.prometheus,
      access: 'proxy',
      url: 'https://prometheus:9090',
      isDefault: true,
      editable: false,
      jsonData: {
        ...clientTls.jsonData,
        serverName: 'prometheus',
        httpMethod: 'POST',
        // The collector flushes span metrics every 15 s; shorter steps only repeat samples.
        timeInterval: '15s',
        exemplarTraceIdDestinations: [
          { name: 'trace_id', datasourceUid: datasourceUids.tempo, urlDisplayLabel: 'Open trace' },
        ],
      },
      secureJsonData: clientTls.secureJsonData,
    },
    {
      name: 'Loki',
      type: 'loki',
      uid: datasourceUids.loki,
      access: 'proxy',
      // Internal network only: Loki is never published to the host.
      url: 'http://loki:3100',
      editable: false,
      jsonData: {
        maxLines: 1000,
        timeout: 60,
        httpHeaderName1: 'X-Scope-OrgID',
        derivedFields: [
          {
            // OTLP puts the trace id into structured metadata, not into the line.
            name: 'TraceID',
            matcherType: 'label',
            matcherRegex: 'trace_id',
            datasourceUid: datasourceUids.tempo,
            url: '$${__value.raw}',
            urlDisplayLabel: 'Open trace',
          },
        ],
      },
      secureJsonData: { httpHeaderValue1: '$__env{LOKI_TENANT}' },
    },
    {
      name: 'Tempo',
      type: 'tempo',
      uid: datasourceUids.tempo,
      access: 'proxy',
      url: 'http://tempo:3200',
      editable: false,
      jsonData: {
        tracesToLogsV2: {
          datasourceUid: datasourceUids.loki,
          spanStartTimeShift: '-2s',
          spanEndTimeShift: '2s',
          filterByTraceID: true,
          tags: [{ key: 'service.name', value: 'service_name' }],
        },
        tracesToMetrics: { datasourceUid: datasourceUids.prometheus },
        lokiSearch: { datasourceUid: datasourceUids.loki },
        nodeGraph: { enabled: true },
      },
    },
  ],
};
