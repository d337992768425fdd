export default async function globalTeardown(): Promise<void> {
  const redis = (globalThis as { __testRedis?: { stop(): Promise<void> } }).__testRedis;
  await redis?.stop();
}
