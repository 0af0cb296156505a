"""Regie: case management, planning and monitoring for the Wet inburgering 2021."""
