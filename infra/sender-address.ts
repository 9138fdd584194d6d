/** The address inside a From header such as `Example Chat <no-reply@example.org>`. */
export const senderAddress = (from: string) => (/<([^<>]+)>\s*$/.exec(from)?.[1] ?? from).trim();
