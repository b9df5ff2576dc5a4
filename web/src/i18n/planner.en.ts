/** Strings of the planner's desk (receiving, purchase orders), merged into the translations in index.ts. */
export const plannerEn = {
  planner: {
    printLabel: 'Print label',
    printLabelOf: 'Print label {{number}}',
    cancelOrderTitle: 'Cancel {{number}}?',
    cancelOrderText: 'The order is cancelled for good: nothing more can be received against it. Goods already received stay in stock.',
    keepOrder: 'Keep the order',
    confirmCancel: 'Cancel the order',
    orderNotReceivable: '{{number}} is “{{status}}” and takes no more receipts; the form is ready for another one.',
  },
};
