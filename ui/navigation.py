"""The app's pages in one place, so the navigation and the home page's links never disagree."""
from dataclasses import dataclass


@dataclass(frozen=True)
class ContentPage:
    """A page of the app: its file, URL path, title key and the home page's one-line blurb key."""

    path: str
    url_path: str
    title_key: str
    blurb_key: str


CONTENT_PAGES = [
    ContentPage("pages/mask.py", "mask", "nav.mask", "home.mask_blurb"),
    ContentPage("pages/train.py", "train", "nav.train", "home.train_blurb"),
    ContentPage("pages/compare.py", "compare", "nav.compare", "home.compare_blurb"),
    ContentPage("pages/exercises.py", "exercises", "nav.exercises", "home.exercises_blurb"),
    ContentPage("pages/bugs.py", "bugs", "nav.bugs", "home.bugs_blurb"),
    ContentPage("pages/theory.py", "theory", "nav.theory", "home.theory_blurb"),
    ContentPage("pages/tours.py", "tours", "nav.tours", "home.tours_blurb"),
    ContentPage("pages/poll.py", "poll", "nav.poll", "home.poll_blurb"),
]
HOME = ContentPage("pages/home.py", "", "nav.home", "")  # the default page: an empty URL path, no blurb
# Every page by the name a tour file gives it: its URL path, and "home" for the home page.
PAGES_BY_NAME = {"home": HOME} | {page.url_path: page for page in CONTENT_PAGES}
