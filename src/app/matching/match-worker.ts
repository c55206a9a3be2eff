import { parentPort, workerData } from 'node:worker_threads';
import { buildAndSolve, type GraphInput } from '../../domain/matching/candidate-graph.ts';

// Builds and solves a candidate graph off the main thread, so the API keeps answering meanwhile.
try {
  const s = buildAndSolve(workerData as GraphInput);
  parentPort!.postMessage({ ok: true, solution: s }, [s.arcPerson.buffer, s.arcPosting.buffer, s.arcScore.buffer, s.assignedPosting.buffer] as ArrayBuffer[]);
} catch (e) {
  parentPort!.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
}
