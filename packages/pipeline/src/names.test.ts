import { describe, expect, it } from 'vitest';
import { isRefreshJob, jobIdFor, jobName, newRunId } from './names.ts';

const id = 'a3f9c2d41b7e5a6f0c8d9e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d';

describe('jobName: what Bull Board lists for a job', () => {
  it('names the file a job is about', () => {
    expect(jobName('decode', { reportId: id, name: 'x.pdf' })).toBe('decode: x.pdf');
  });
  it('falls back to the id prefix status prints, never to the bare queue when a report is known', () => {
    expect(jobName('segment', { reportId: id })).toBe('segment: a3f9c2d41b7e');
  });
  it('says why a job re-runs a stage', () => {
    expect(jobName('segment', { reportId: id, heal: 2 })).toBe('segment: a3f9c2d41b7e (heal 2)');
    expect(jobName('validate', { reportId: id, name: 'y.html', refresh: 'abc' })).toBe('validate: y.html (refresh)');
  });
});

describe('isRefreshJob: a context refresh told apart from the run it refreshes', () => {
  it('is true only for ids jobIdFor made with a refresh version', () => {
    const v = 'a1b2c3d4e5f6';
    expect(isRefreshJob(jobIdFor(id, 'validate', 'r1k2j3h4-x1b2', { refresh: v }))).toBe(true);
    // a run id may itself end in "-x…": four characters, never a 12-hex version
    expect(isRefreshJob(jobIdFor(id, 'validate', 'r1k2j3h4-x1b2'))).toBe(false);
    expect(isRefreshJob(jobIdFor(id, 'validate', newRunId(), { heal: 1 }))).toBe(false);
    expect(isRefreshJob(jobIdFor(id, 'validate', newRunId(), { replay: 2 }))).toBe(false);
  });
});
