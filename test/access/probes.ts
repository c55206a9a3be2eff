import type { Probe, Setup } from './fixture.ts';
import { demandProbes, demandSetup } from './demand.probes.ts';
import { fieldTrainingProbes, fieldTrainingSetup } from './field-training.probes.ts';
import { foundationProbes, foundationSetup } from './foundation.probes.ts';
import { ledgerProbes, ledgerSetup } from './ledger.probes.ts';
import { ledgerImportProbes, ledgerImportSetup } from './ledger-import.probes.ts';
import { matchingProbes, matchingSetup } from './matching.probes.ts';
import { policyProbes, policySetup } from './policy.probes.ts';
import { statsProbes } from './stats.probes.ts';
import { transportProbes, transportSetup } from './transport.probes.ts';

/** Every module adds its setup (records in county B) and its probes (one per route) here. */
export const SETUPS: Setup[] = [foundationSetup, ledgerSetup, ledgerImportSetup, demandSetup, matchingSetup, policySetup, fieldTrainingSetup, transportSetup];
export const PROBES: Record<string, Probe> = { ...foundationProbes, ...ledgerProbes, ...ledgerImportProbes, ...demandProbes, ...matchingProbes, ...statsProbes, ...policyProbes, ...fieldTrainingProbes, ...transportProbes };
