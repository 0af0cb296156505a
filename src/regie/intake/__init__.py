"""Brede intake, leerbaarheidstoets and leerroute advice (Wet inburgering 2021 art. 14;
Besluit inburgering 2021 art. 5.2)."""
