"""Server-rendered SVG drawings for the pages: the genogram and sociogram of a family (R7)
and the R19 goal-progress chart.

The domain hands over what it recorded (persons, relations, scores); drawing it is the web
layer's job. Every module returns markup whose texts were escaped first and which is only
then marked safe. Styling uses SVG presentation attributes (fill, stroke), which the
Content-Security-Policy allows, never inline style.
"""
