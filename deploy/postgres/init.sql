-- The second database: Rasa's conversations (tracker store). "nelm" (our
-- tables) is created by the image from POSTGRES_DB.
CREATE DATABASE tracker OWNER nelm;
