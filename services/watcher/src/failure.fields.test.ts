import { MongoNetworkError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { failureFields } from './failure.fields.ts';

describe('failureFields', () => {
  it('gives the message, the class and where the error was thrown', () => {
    const thrower = () => {
      throw new MongoNetworkError('connection 3 to 127.0.0.1:27017 closed');
    };
    let caught: unknown;
    try {
      thrower();
    } catch (err) {
      caught = err;
    }
    const f = failureFields(caught);
    expect(f.err).toBe('connection 3 to 127.0.0.1:27017 closed');
    expect(f.errClass).toBe('MongoNetworkError');
    expect(f.errAt).toMatch(/^at thrower .*failure\.fields\.test\.ts/);
    expect(f.errAt!.split(' < ').length).toBeLessThanOrEqual(6);
  });

  it('says what a thrown non-error was', () => {
    expect(failureFields('socket hang up')).toEqual({ err: 'socket hang up' });
  });
});
