// Acceptance line 3's bounded memory, in small: a long DeepSort run on shapesVideo keeps each gallery within
// nnBudget and holds only live tracks, while tracks are created and deleted throughout (objects hidden
// longer than maxAge, false positives). bench/long-run.ts measures the heap over 10,000 frames.
import { describe, expect, it } from 'vitest';
import { DeepSort } from '../../src/trackers/deep-sort.js';
import { longRunDetections } from '../../bench/long-run-scene.js';

describe('DeepSort long run', () => {
  it('2,000 frames: galleries capped at nnBudget, live tracks bounded, deleted tracks gone', () => {
    const nnBudget = 20;
    const maxAge = 30;
    const tracker = new DeepSort({ nnBudget, maxAge });
    let maxLive = 0;
    let maxId = 0;
    let lastSeen = new Map<number, number>(); // live track id -> frame
    let frame = 0;
    for (const detections of longRunDetections({ seed: 11, frames: 2000, objects: 8, imageSize: 96 })) {
      const out = tracker.update(detections);
      const tracks = tracker.tracks;
      maxLive = Math.max(maxLive, tracks.length);
      for (const id of out.trackerId!) maxId = Math.max(maxId, id);
      for (const t of tracks) {
        expect(t.gallerySize).toBeLessThanOrEqual(nnBudget);
        // Only confirmed tracks keep samples (deep_sort's active targets).
        if (t.state === 'tentative') expect(t.gallerySize).toBe(0);
        // A track unmatched for more than maxAge frames has been deleted.
        expect(t.timeSinceUpdate).toBeLessThanOrEqual(maxAge);
      }
      const now = new Map(tracks.map((t) => [t.trackerId, frame]));
      // A deleted id never comes back.
      for (const id of now.keys()) if (!lastSeen.has(id)) expect(id).toBeGreaterThan(Math.max(0, ...lastSeen.keys()));
      lastSeen = now;
      frame++;
    }
    expect(frame).toBe(2000);
    // Tracks were created and deleted all along, yet only a handful were ever held at once.
    expect(maxId).toBeGreaterThan(5 * maxLive);
    expect(maxLive).toBeLessThanOrEqual(30);
  });
});
