"""Models of the datarequests app: personal data, only through its services and selectors."""
