/** Test values for payments. */

/** The sandbox's always-succeeding test card. */
export const GOOD_CARD = {
  number: '4242 4242 4242 4242',
  expMonth: 12,
  expYear: 2099,
  cvc: '123',
  holder: 'Li Lei',
};
