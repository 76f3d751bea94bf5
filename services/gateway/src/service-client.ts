import { IDEMPOTENCY_KEY_HEADER, type Principal, type PrincipalTokens, REQUEST_ID_HEADER } from '@microseg/contracts';
import { type RequestContract, type RequestInput, type ResponseOf, request } from '@microseg/messaging';
import type { NatsConnection } from 'nats';

/** Calls services over NATS on behalf of one GraphQL request, carrying its signed principal and id. */
export class ServiceClient {
  constructor(
    private readonly deps: { nc: NatsConnection; principals: PrincipalTokens },
    private readonly principal: Principal | undefined,
    private readonly requestId: string,
    private readonly timeoutMs: number,
    /** The client's `Idempotency-Key` header, passed on so services can answer a retried mutation once. */
    private readonly idempotencyKey?: string,
  ) {}

  call<C extends RequestContract>(contract: C, payload: RequestInput<C>, options: { timeoutMs?: number } = {}): Promise<ResponseOf<C>> {
    // Signed per call, not per GraphQL request: a slow request's later calls still carry a fresh token.
    return request(this.deps.nc, contract, payload, {
      timeoutMs: options.timeoutMs ?? this.timeoutMs,
      headers: {
        ...(this.principal ? this.deps.principals.headers(this.principal, this.requestId) : { [REQUEST_ID_HEADER]: this.requestId }),
        ...(this.idempotencyKey ? { [IDEMPOTENCY_KEY_HEADER]: this.idempotencyKey } : {}),
      },
    });
  }
}
