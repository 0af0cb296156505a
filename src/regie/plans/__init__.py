"""The PIP (Persoonlijk plan Inburgering en Participatie) as a beschikking: versions drafted
by a klantmanager and vastgesteld by another (four eyes), the beschikking PDF, the
voortgangsgesprekken that monitor it, and changes of leerroute through a new version."""
