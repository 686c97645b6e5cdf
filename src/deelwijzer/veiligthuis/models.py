"""Models of the veiligthuis app: personal data, only through its services and selectors."""
