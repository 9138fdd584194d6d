/**
 * Stands in for `@aws-sdk/endpoint-cache` in the Lambda bundles (an esbuild alias, see infra/bundle-aliases.ts).
 * The DynamoDB client makes one for endpoint discovery, which the front door never turns on; the SDK's class is
 * built on mnemonist's LRU cache (mnemonist and obliterator, ~7 KB minified). This is the same class, by name and
 * methods (those the SDK's endpoint-discovery middleware calls: getEndpoint, get, set, delete; has and clear),
 * over a Map kept in least-recently-used order.
 */

/** An endpoint as DynamoDB's DescribeEndpoints answers it. */
export interface Endpoint {
  Address: string;
  CachePeriodInMinutes: number;
}

interface EndpointWithExpiry {
  Address: string;
  Expires: number;
}

export class EndpointCache {
  private readonly entries = new Map<string, EndpointWithExpiry[]>();

  constructor(private readonly capacity: number) {}

  /** One of the key's live endpoints, chosen at random as the SDK does; undefined when none is live. */
  getEndpoint(key: string): string | undefined {
    const live = this.get(key);
    if (!live || live.length === 0) return undefined;
    return live[Math.floor(Math.random() * live.length)]!.Address;
  }

  /** The key's endpoints not yet expired (an entry with none left is emptied); marks the key as recently used. */
  get(key: string): EndpointWithExpiry[] | undefined {
    if (!this.has(key)) return undefined;
    const value = this.entries.get(key)!;
    this.touch(key, value);
    const now = Date.now();
    const live = value.filter((endpoint) => now < endpoint.Expires);
    if (live.length === 0) {
      this.delete(key);
      return undefined;
    }
    return live;
  }

  set(key: string, endpoints: Endpoint[]): void {
    const now = Date.now();
    this.touch(
      key,
      endpoints.map(({ Address, CachePeriodInMinutes }) => ({ Address, Expires: now + CachePeriodInMinutes * 60 * 1000 })),
    );
  }

  /** Empties the key's entry (kept, as the SDK keeps it, so that a discovery under way is seen as failed). */
  delete(key: string): void {
    this.touch(key, []);
  }

  /** Whether the key has endpoints, expired or not; does not mark it as used. */
  has(key: string): boolean {
    return (this.entries.get(key)?.length ?? 0) > 0;
  }

  clear(): void {
    this.entries.clear();
  }

  /** Puts the key last (most recently used) with its value; the first, least recently used, goes past capacity. */
  private touch(key: string, value: EndpointWithExpiry[]): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
