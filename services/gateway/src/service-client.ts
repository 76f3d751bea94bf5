import { IDEMPOTENCY_KEY_HEADER, type Principal, principalHeaders } from '@microseg/contracts';
import { type RequestContract, type RequestInput, type ResponseOf, request } from '@microseg/messaging';
import type { NatsConnection } from 'nats';

/** Calls services over NATS on behalf of one GraphQL request, carrying its principal and id. */
export class ServiceClient {
  constructor(
    private readonly nc: NatsConnection,
    private readonly principal: Principal | undefined,
    private readonly requestId: string,
    private readonly timeoutMs: number,
    /** The client's `Idempotency-Key` header, passed on so services can answer a retried mutation once. */
    private readonly idempotencyKey?: string,
  ) {}

  call<C extends RequestContract>(contract: C, payload: RequestInput<C>, options: { timeoutMs?: number } = {}): Promise<ResponseOf<C>> {
    return request(this.nc, contract, payload, {
      timeoutMs: options.timeoutMs ?? this.timeoutMs,
      headers: {
        ...(this.principal ? principalHeaders(this.principal, this.requestId) : { 'microseg-request-id': this.requestId }),
        ...(this.idempotencyKey ? { [IDEMPOTENCY_KEY_HEADER]: this.idempotencyKey } : {}),
      },
    });
  }
}
