export function buildIdOf(imageRef: string): string;
export type Behaviour = 'healthy' | 'broken' | 'degrades';
export function startFlyApp(options: {
  statePath: string;
  app: string;
  behaviours: Record<string, Behaviour>;
  warmup?: number;
}): Promise<{ url: string; served: Map<string, number>; close(): Promise<void> }>;
