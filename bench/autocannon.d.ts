// The part of autocannon's (untyped) API the benchmark uses.
declare module "autocannon" {
  interface Percentiles {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
  }
  export interface AutocannonResult {
    url: string;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    latency: Percentiles;
    requests: Percentiles & { sent: number };
    throughput: Percentiles;
  }
  export interface AutocannonOptions {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    headers?: Record<string, string>;
    timeout?: number;
    /** Called once per connection. */
    setupClient?: (client: { setHeaders(headers: Record<string, string>): void }) => void;
  }
  /** The run: a promise of its result, and an emitter of each response while it runs. */
  export interface AutocannonInstance extends PromiseLike<AutocannonResult> {
    /** `responseTime` in milliseconds, from sending the request to the end of the response. */
    on(event: "response", listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): this;
  }
  function autocannon(options: AutocannonOptions): AutocannonInstance;
  export default autocannon;
}
