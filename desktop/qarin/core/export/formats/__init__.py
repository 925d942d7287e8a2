"""Built-in export formats. Each module registers its exporter when imported.

One import per format, in alphabetical order; ``x as x`` marks it as used on purpose.
"""

from qarin.core.export.formats import brat as brat
from qarin.core.export.formats import claimreview as claimreview
from qarin.core.export.formats import csv as csv
from qarin.core.export.formats import json as json
from qarin.core.export.formats import markdown as markdown
from qarin.core.export.formats import pdf as pdf
from qarin.core.export.formats import tmx as tmx
from qarin.core.export.formats import w3c as w3c
