import type { Probe, Setup } from './fixture.ts';
import { foundationProbes, foundationSetup } from './foundation.probes.ts';

/** Every module adds its setup (records in county B) and its probes (one per route) here. */
export const SETUPS: Setup[] = [foundationSetup];
export const PROBES: Record<string, Probe> = { ...foundationProbes };
