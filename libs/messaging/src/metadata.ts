import { type MsgHdrs, headers as createHeaders } from 'nats';

/** Opaque request metadata (principal, request id...) carried as NATS headers. */
export type Metadata = Record<string, string>;

export function toHeaders(
  metadata: Metadata | undefined,
  extra: Metadata = {},
): MsgHdrs | undefined {
  const entries = [...Object.entries(metadata ?? {}), ...Object.entries(extra)];
  if (entries.length === 0) return undefined;
  const hdrs = createHeaders();
  for (const [key, value] of entries) hdrs.set(key, value);
  return hdrs;
}

/** First value of each header; NATS-internal ones (`Nats-*`) are left out. */
export function fromHeaders(hdrs: MsgHdrs | undefined): Metadata {
  const metadata: Metadata = {};
  if (!hdrs) return metadata;
  for (const key of hdrs.keys()) {
    if (key.toLowerCase().startsWith('nats-')) continue;
    metadata[key] = hdrs.get(key);
  }
  return metadata;
}
