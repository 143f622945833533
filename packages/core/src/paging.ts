/** Largest page a client may ask for; larger `first` values are refused, not silently cut (the bulk export pages at it). */
export const MAX_PAGE_SIZE = 100;
