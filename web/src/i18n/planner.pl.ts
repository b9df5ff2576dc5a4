import type { plannerEn } from './planner.en';

/** Polish strings of the planner's desk; the same keys as planner.en.ts. */
export const plannerPl: typeof plannerEn = {
  planner: {
    printLabel: 'Drukuj etykietę',
    printLabelOf: 'Drukuj etykietę {{number}}',
    cancelOrderTitle: 'Anulować {{number}}?',
    cancelOrderText: 'Zamówienie zostanie anulowane na stałe: nic więcej nie da się do niego przyjąć. Przyjęty już towar zostaje w magazynie.',
    keepOrder: 'Zostaw zamówienie',
    confirmCancel: 'Anuluj zamówienie',
    orderNotReceivable: '{{number}} ma status „{{status}}”: nie przyjmuje więcej dostaw. Formularz jest gotowy na kolejne przyjęcie.',
  },
};
