import { describe, expect, it } from 'vitest';
import { cardChange, cardVerification, charge, contextFor } from '../test-kit.ts';
import { cardTesting } from './card-testing.ts';

describe('card_testing', () => {
  it('scores repeated failed card verifications', () => {
    const hit = cardTesting.evaluate(
      contextFor(cardVerification(3, 'failure'), [
        cardVerification(1, 'failure'),
        cardVerification(2, 'failure'),
      ]),
    );
    expect(hit?.points).toBe(45);
  });

  it('scores several cards added in a day', () => {
    const hit = cardTesting.evaluate(
      contextFor(cardChange(30, '3333'), [cardChange(0, '1111'), cardChange(10, '2222')]),
    );
    expect(hit).toMatchObject({ points: 30, params: { cards: 3 } });
  });

  it('scores a run of tiny charges on the registered card', () => {
    const card = { funding: 'registered_card' as const };
    const before = [
      charge(1, 50, 'm_a', 'other', card),
      charge(2, 50, 'm_b', 'other', card),
      charge(3, 50, 'm_c', 'other', card),
    ];
    expect(cardTesting.evaluate(contextFor(charge(4, 50, 'm_d', 'other', card), before))?.points).toBe(30);
  });

  it('leaves a gamer’s run of small in-app purchases on the phone bill alone', () => {
    const before = [
      charge(1, 120, 'm_puzzle_game', 'game'),
      charge(5, 240, 'm_puzzle_game', 'game'),
      charge(9, 120, 'm_puzzle_game', 'game'),
    ];
    expect(cardTesting.evaluate(contextFor(charge(12, 360, 'm_puzzle_game', 'game'), before))).toBeNull();
  });

  it('does not score one mistyped security code', () => {
    expect(cardTesting.evaluate(contextFor(cardVerification(2, 'failure')))).toBeNull();
  });
});
