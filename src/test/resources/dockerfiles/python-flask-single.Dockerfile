FROM python:3.11

LABEL org.opencontainers.image.source="https://example.invalid/flask-app" \
      org.opencontainers.image.licenses=MIT

RUN apt-get update && apt-get install -y gcc
RUN pip install --upgrade pip

WORKDIR /code
COPY requirements.txt /code/requirements.txt
RUN pip install -r requirements.txt
COPY . /code

ENV FLASK_APP=app.py FLASK_RUN_HOST=0.0.0.0
EXPOSE 5000
CMD flask run
