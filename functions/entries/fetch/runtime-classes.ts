/**
 * The runtime's own `Headers`, `Request` and `Response` (undici's), kept when fetch/install.ts puts ours in
 * their place and loaded only when one of ours meets what it does not handle itself. Node defines them on
 * the global object as getters that load undici on first use; keeping the getter keeps that laziness.
 */
export type FetchClassName = 'Headers' | 'Request' | 'Response';

const kept = new Map<FetchClassName, PropertyDescriptor>();

/** Remembers the global's present definition of each class, before it is replaced. */
export function keepRuntimeClasses(names: readonly FetchClassName[]): void {
  for (const name of names) {
    if (kept.has(name)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
    if (descriptor) kept.set(name, descriptor);
  }
}

/** The runtime's class: the kept definition, or the global's own when none was replaced. */
export function runtimeClass<N extends FetchClassName>(name: N): (typeof globalThis)[N] {
  const descriptor = kept.get(name);
  if (!descriptor) return globalThis[name];
  return (descriptor.get ? descriptor.get.call(globalThis) : descriptor.value) as (typeof globalThis)[N];
}

/** The kept definitions, for putting them back. */
export function keptDefinitions(): ReadonlyMap<FetchClassName, PropertyDescriptor> {
  return kept;
}
