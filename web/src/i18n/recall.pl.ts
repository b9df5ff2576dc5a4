import type { recallEn } from './recall.en';

/** Teksty dnia wycofania: wyszukiwarka w nagłówku, szukanie partii w śledzeniu, raport i blokada wielu partii. */
export const recallPl: typeof recallEn = {
  search: {
    label: 'Szukaj dowolnego kodu',
    placeholder: 'Szukaj LP, partii, zlecenia, SSCC…',
    searching: 'Szukam…',
    nothing: 'Nic nie pasuje do „{{q}}”',
    kind: {
      license_plate: 'Nośnik (LP)',
      lot: 'Partia',
      product: 'Produkt',
      work_order: 'Zlecenie produkcyjne',
      purchase_order: 'Zamówienie zakupu',
      sales_order: 'Zamówienie sprzedaży',
      sscc: 'Paleta (SSCC)',
    },
  },
  trace: {
    byPlate: 'Po nośniku lub partii',
    byLot: 'Po partii (produkt opcjonalnie)',
    anyProduct: 'Dowolny produkt',
    noMatch: 'Żaden nośnik ani partia nie pasuje do „{{q}}”.',
    noLot: 'Żadna partia nie pasuje do „{{lot}}”. Sprawdź pisownię albo wpisz fragment.',
    chooseLot: 'Do „{{lot}}” pasuje kilka partii: wybierz jedną.',
    reportPdf: 'Raport wycofania (PDF)',
    reportCsv: 'Raport wycofania (CSV)',
    held: 'Zablokowany',
    notInPlant: 'poza zakładem',
  },
  plates: {
    holdLots: 'Zablokuj te partie',
    holdLotsTitle: 'Zablokuj partie: {{count}}',
    holdLotsHint: 'Każdy nośnik z wymienionych partii, który jest jeszcze w zakładzie, zostanie zablokowany z jednym powodem: {{lots}}.',
    heldLots: 'Zablokowane partie: {{count}}, nośniki na blokadzie: {{plates}}',
    searchPlaceholder: 'LP lub partia (fragment)',
  },
  customers: {
    contactName: 'Osoba kontaktowa',
  },
};
